/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne;

import starmap.core.parallel.Parallel;
import starmap.core.simd.Kernels;
import starmap.core.simd.SparseRows;

/**
 * t-SNE's attractive term over the non-zeros of P (openTSNE's {@code estimate_positive_gradient_nn}), on
 * P's rows prepared as {@link SparseRows} (columns pre-multiplied by the dimension).
 */
final class Attraction {
    private Attraction() {
    }

    /**
     * Writes {@code attr[i] = exaggeration · Σ_j p_ij w_ij (y_i − y_j)} and returns Σ p_ij log w_ij (needed
     * for the KL divergence) when {@code withKl}, else 0.
     */
    /**
     * The SIMD path (no KL term): writes {@code attr} for float32 copies of the positions. {@code rows} are
     * P's rows prepared once per run.
     */
    static void accumulate(SparseRows rows, float[] y, int dim, double exaggeration, double[] attr, Parallel par) {
        int n = rows.ptr().length - 1;
        Kernels kernels = Kernels.get();
        par.forRange(n, 1024, (s, e) -> {
            kernels.attraction(rows, y, dim, s, e, attr);
            for (int c = s * dim; c < e * dim; c++) {
                attr[c] *= exaggeration;
            }
        });
    }

    /**
     * The double-precision path: writes {@code attr} and returns Σ p_ij log w_ij (for the KL divergence)
     * when {@code withKl}, else 0. Used on KL iterations and for 1-D layouts.
     */
    static double accumulate(SparseRows p, double[] y, int dim, double exaggeration, double[] attr, Parallel par,
            boolean withKl) {
        int n = p.ptr().length - 1;
        return par.sum(n, 1024, (s, e) -> switch (dim) {
            case 2 -> rows2(p, y, exaggeration, attr, withKl, s, e);
            case 3 -> rows3(p, y, exaggeration, attr, withKl, s, e);
            default -> rows1(p, y, exaggeration, attr, withKl, s, e);
        });
    }

    private static double rows2(SparseRows p, double[] y, double ex, double[] attr, boolean withKl, int s, int e) {
        double kl = 0;
        for (int i = s; i < e; i++) {
            double x0 = y[2 * i];
            double x1 = y[2 * i + 1];
            double f0 = 0;
            double f1 = 0;
            for (int q = p.ptr()[i]; q < p.ptr()[i + 1]; q++) {
                int jo = p.columns()[q];
                double d0 = x0 - y[jo];
                double d1 = x1 - y[jo + 1];
                double w = 1 / (1 + d0 * d0 + d1 * d1);
                double pw = p.values()[q] * w;
                f0 += pw * d0;
                f1 += pw * d1;
                if (withKl) {
                    kl += p.values()[q] * Math.log(w);
                }
            }
            attr[2 * i] = ex * f0;
            attr[2 * i + 1] = ex * f1;
        }
        return kl;
    }

    private static double rows3(SparseRows p, double[] y, double ex, double[] attr, boolean withKl, int s, int e) {
        double kl = 0;
        for (int i = s; i < e; i++) {
            double x0 = y[3 * i];
            double x1 = y[3 * i + 1];
            double x2 = y[3 * i + 2];
            double f0 = 0;
            double f1 = 0;
            double f2 = 0;
            for (int q = p.ptr()[i]; q < p.ptr()[i + 1]; q++) {
                int jo = p.columns()[q];
                double d0 = x0 - y[jo];
                double d1 = x1 - y[jo + 1];
                double d2 = x2 - y[jo + 2];
                double w = 1 / (1 + d0 * d0 + d1 * d1 + d2 * d2);
                double pw = p.values()[q] * w;
                f0 += pw * d0;
                f1 += pw * d1;
                f2 += pw * d2;
                if (withKl) {
                    kl += p.values()[q] * Math.log(w);
                }
            }
            attr[3 * i] = ex * f0;
            attr[3 * i + 1] = ex * f1;
            attr[3 * i + 2] = ex * f2;
        }
        return kl;
    }

    private static double rows1(SparseRows p, double[] y, double ex, double[] attr, boolean withKl, int s, int e) {
        double kl = 0;
        for (int i = s; i < e; i++) {
            double f = 0;
            for (int q = p.ptr()[i]; q < p.ptr()[i + 1]; q++) {
                double d = y[i] - y[p.columns()[q]];
                double w = 1 / (1 + d * d);
                f += p.values()[q] * w * d;
                if (withKl) {
                    kl += p.values()[q] * Math.log(w);
                }
            }
            attr[i] = ex * f;
        }
        return kl;
    }
}
