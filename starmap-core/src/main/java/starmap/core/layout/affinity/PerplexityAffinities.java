/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.affinity;

import starmap.core.InvalidParameterException;
import starmap.core.graph.KnnGraph;
import starmap.core.parallel.Parallel;
import starmap.core.sparse.CsrMatrix;

/**
 * t-SNE's affinities: for every point i a Gaussian over its kNN distances, p_{j|i} ∝ exp(−β_i d_ij²),
 * with β_i found by bisection so the entropy of p_{·|i} is log(perplexity); then
 * p_ij = (p_{j|i} + p_{i|j}) / 2n. The graph should hold about 3 × perplexity neighbours.
 *
 * <p>Points whose neighbours are all at the same distance (duplicates) get uniform weights.
 *
 * @param perplexity the effective number of neighbours, > 0 and below the graph's k
 */
public record PerplexityAffinities(double perplexity) implements AffinityModel {
    /** Entropy tolerance of the bisection, in nats. */
    static final double TOLERANCE = 1e-5;
    static final int MAX_STEPS = 200;

    public PerplexityAffinities {
        InvalidParameterException.require(perplexity > 0 && Double.isFinite(perplexity), "perplexity", "> 0",
                perplexity);
    }

    @Override
    public SparseAffinities fit(KnnGraph knn, Parallel par) {
        int n = knn.size();
        int k = knn.k();
        InvalidParameterException.require(perplexity <= k, "perplexity",
                "at most the number of neighbours k = " + k, perplexity);
        int[] rows = new int[n * k];
        int[] cols = new int[n * k];
        float[] vals = new float[n * k];
        par.forRange(n, 1024, (s, e) -> {
            double[] d2 = new double[k];
            double[] p = new double[k];
            for (int i = s; i < e; i++) {
                for (int j = 0; j < k; j++) {
                    double d = knn.distance(i, j);
                    d2[j] = d * d;
                }
                conditional(d2, Math.log(perplexity), p);
                for (int j = 0; j < k; j++) {
                    rows[i * k + j] = i;
                    cols[i * k + j] = knn.neighbor(i, j);
                    vals[i * k + j] = (float) p[j];
                }
            }
        });
        CsrMatrix c = CsrMatrix.fromCoordinates(n, n, rows, cols, vals);
        return SparseAffinities.trusted(c.plus(c.transpose()).scaled(1.0 / (2.0 * n)));
    }

    /**
     * Fills {@code p} with the conditional distribution over one point's neighbours whose entropy is
     * {@code targetEntropy} (nats), given squared distances sorted ascending; returns the β found.
     */
    static double conditional(double[] d2, double targetEntropy, double[] p) {
        int k = d2.length;
        double min = d2[0];
        double beta = 1;
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double spread = d2[k - 1] - min;
        if (!(spread > 0)) {
            java.util.Arrays.fill(p, 1.0 / k);
            return 0;
        }
        beta = 1 / Math.max(spread / k, 1e-12);
        for (int step = 0; step < MAX_STEPS; step++) {
            double sum = 0;
            double weighted = 0;
            for (int j = 0; j < k; j++) {
                double w = Math.exp(-beta * (d2[j] - min));
                p[j] = w;
                sum += w;
                weighted += w * (d2[j] - min);
            }
            double entropy = Math.log(sum) + beta * weighted / sum;
            double diff = entropy - targetEntropy;
            for (int j = 0; j < k; j++) {
                p[j] /= sum;
            }
            if (Math.abs(diff) < TOLERANCE) {
                break;
            }
            if (diff > 0) {
                lo = beta;
                beta = Double.isInfinite(hi) ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }
        return beta;
    }
}
