/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne.repulsion;

import starmap.core.parallel.Parallel;

/** Every pair, O(n²): the reference the approximations are tested against; for small n. */
public final class ExactRepulsion implements RepulsionEstimator {
    private final int dim;

    public ExactRepulsion(int dim) {
        this.dim = dim;
    }

    @Override
    public String name() {
        return "exact";
    }

    @Override
    public void prepare(double[] y, Parallel parallel) {
    }

    @Override
    public double accumulate(double[] y, double[] rep, Parallel parallel) {
        int n = y.length / dim;
        return parallel.sum(n, 64, (s, e) -> {
            double z = 0;
            double[] f = new double[dim];
            for (int i = s; i < e; i++) {
                java.util.Arrays.fill(f, 0);
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double d2 = 0;
                    for (int a = 0; a < dim; a++) {
                        double t = y[i * dim + a] - y[j * dim + a];
                        d2 += t * t;
                    }
                    double w = 1 / (1 + d2);
                    z += w;
                    double w2 = w * w;
                    for (int a = 0; a < dim; a++) {
                        f[a] += w2 * (y[i * dim + a] - y[j * dim + a]);
                    }
                }
                System.arraycopy(f, 0, rep, i * dim, dim);
            }
            return z;
        });
    }
}
