/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.quality;

import starmap.core.layout.Embedding;
import starmap.core.layout.affinity.SparseAffinities;
import starmap.core.parallel.Parallel;
import starmap.core.sparse.CsrMatrix;

/**
 * KL(P ‖ Q) = Σ p_ij log(p_ij / q_ij) with q_ij = w_ij / Z, w_ij = 1 / (1 + ‖y_i − y_j‖²), and Z summed
 * over all pairs exactly: O(n²) time in chunks of rows, O(n) memory. Used to compare layouts from any
 * tool on the same P.
 */
public final class KlDivergence {
    private KlDivergence() {
    }

    public static double exact(SparseAffinities p, Embedding layout, Parallel par) {
        int n = layout.size();
        int dim = layout.dimension();
        float[] y = layout.toArray();
        double z = par.sum(n, 64, (s, e) -> {
            double acc = 0;
            for (int i = s; i < e; i++) {
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double d2 = 0;
                    for (int a = 0; a < dim; a++) {
                        double t = y[i * dim + a] - y[j * dim + a];
                        d2 += t * t;
                    }
                    acc += 1 / (1 + d2);
                }
            }
            return acc;
        });
        CsrMatrix m = p.matrix();
        double cross = par.sum(n, 1024, (s, e) -> {
            double acc = 0;
            for (int i = s; i < e; i++) {
                for (int q = m.rowStart(i); q < m.rowEnd(i); q++) {
                    int j = m.indexAt(q);
                    double d2 = 0;
                    for (int a = 0; a < dim; a++) {
                        double t = y[i * dim + a] - y[j * dim + a];
                        d2 += t * t;
                    }
                    acc += m.valueAt(q) * Math.log(1 / (1 + d2));
                }
            }
            return acc;
        });
        return p.entropyTerm() - cross + Math.log(z);
    }
}
