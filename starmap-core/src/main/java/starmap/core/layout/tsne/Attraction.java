/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne;

import starmap.core.parallel.Parallel;
import starmap.core.sparse.CsrMatrix;

/** t-SNE's attractive term over the non-zeros of P (openTSNE's {@code estimate_positive_gradient_nn}). */
final class Attraction {
    private Attraction() {
    }

    /**
     * Writes {@code attr[i] = exaggeration · Σ_j p_ij w_ij (y_i − y_j)} and returns Σ p_ij log w_ij (needed
     * for the KL divergence) when {@code withKl}, else 0.
     */
    static double accumulate(CsrMatrix p, double[] y, int dim, double exaggeration, double[] attr, Parallel par,
            boolean withKl) {
        int n = p.rows();
        return par.sum(n, 1024, (s, e) -> {
            double kl = 0;
            for (int i = s; i < e; i++) {
                int io = i * dim;
                double f0 = 0;
                double f1 = 0;
                double f2 = 0;
                for (int q = p.rowStart(i); q < p.rowEnd(i); q++) {
                    int jo = p.indexAt(q) * dim;
                    double d0 = y[io] - y[jo];
                    double d1 = dim > 1 ? y[io + 1] - y[jo + 1] : 0;
                    double d2 = dim > 2 ? y[io + 2] - y[jo + 2] : 0;
                    double w = 1 / (1 + d0 * d0 + d1 * d1 + d2 * d2);
                    double pw = p.valueAt(q) * w;
                    f0 += pw * d0;
                    f1 += pw * d1;
                    f2 += pw * d2;
                    if (withKl) {
                        kl += p.valueAt(q) * Math.log(w);
                    }
                }
                attr[io] = exaggeration * f0;
                if (dim > 1) {
                    attr[io + 1] = exaggeration * f1;
                }
                if (dim > 2) {
                    attr[io + 2] = exaggeration * f2;
                }
            }
            return kl;
        });
    }
}
