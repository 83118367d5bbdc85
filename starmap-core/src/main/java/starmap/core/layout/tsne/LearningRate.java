/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne;

import starmap.core.InvalidParameterException;

/** The gradient-descent step size: automatic (max(n / early exaggeration, 200)) or fixed. */
public sealed interface LearningRate {
    /** The rate for n points and the given early exaggeration. */
    double value(int n, double earlyExaggeration);

    /** max(n / earlyExaggeration, 200), as Belkina et al. 2019 recommend (n / 12 with the default). */
    record Auto() implements LearningRate {
        @Override
        public double value(int n, double earlyExaggeration) {
            return Math.max(n / earlyExaggeration, 200);
        }

        @Override
        public String toString() {
            return "auto";
        }
    }

    /** A fixed rate. */
    record Fixed(double rate) implements LearningRate {
        public Fixed {
            InvalidParameterException.require(rate > 0 && Double.isFinite(rate), "learning rate", "> 0", rate);
        }

        @Override
        public double value(int n, double earlyExaggeration) {
            return rate;
        }

        @Override
        public String toString() {
            return Double.toString(rate);
        }
    }

    static LearningRate parse(String s) {
        return s.equals("auto") ? new Auto() : new Fixed(Double.parseDouble(s));
    }
}
