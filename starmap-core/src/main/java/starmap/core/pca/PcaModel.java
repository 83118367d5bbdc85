/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.pca;

import starmap.core.parallel.Parallel;
import starmap.core.vectors.DenseVectors;
import starmap.core.vectors.VectorSource;

/**
 * A fitted PCA: the mean and the top components.
 *
 * @param mean       the d-dimensional mean
 * @param components k × d row-major, unit rows, most variance first; each row's largest-magnitude
 *                   entry is positive, so results do not flip sign between runs
 * @param variances  variance along each component
 * @param totalVariance the total variance of the data (the trace of its covariance)
 */
public record PcaModel(float[] mean, float[] components, double[] variances, double totalVariance) {

    public int dimension() {
        return mean.length;
    }

    public int componentCount() {
        return variances.length;
    }

    /** Fraction of the total variance the components explain. */
    public double explainedFraction() {
        double s = 0;
        for (double v : variances) {
            s += v;
        }
        return totalVariance > 0 ? s / totalVariance : 1;
    }

    /** Projects every vector onto the components: an n × k off-heap matrix the caller closes. */
    public DenseVectors transform(VectorSource data, Parallel par) {
        int n = data.size();
        int d = dimension();
        int k = componentCount();
        DenseVectors out = DenseVectors.allocate(n, k);
        par.forRange(n, 2048, (s, e) -> {
            float[] row = new float[d];
            float[] y = new float[k];
            for (int i = s; i < e; i++) {
                data.read(i, row, 0);
                for (int j = 0; j < d; j++) {
                    row[j] -= mean[j];
                }
                for (int c = 0; c < k; c++) {
                    double acc = 0;
                    int o = c * d;
                    for (int j = 0; j < d; j++) {
                        acc += row[j] * components[o + j];
                    }
                    y[c] = (float) acc;
                }
                out.write(i, y, 0);
            }
        });
        return out;
    }
}
