/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.quality;

import starmap.core.knn.ExactSearch;
import starmap.core.knn.Metric;
import starmap.core.parallel.Parallel;
import starmap.core.vectors.VectorSource;

/**
 * Trustworthiness (Venna &amp; Kaski 2001): T(k) = 1 − 2 / (n k (2n − 3k − 1)) Σ_i Σ_{j ∈ U_i} (r(i, j) − k),
 * where U_i are i's k nearest layout neighbours that are not among its k nearest data neighbours and
 * r(i, j) is j's rank among i's data neighbours. On a sample of points the sum runs over the sample
 * and n in the leading factor becomes the sample size; ranks are always against all points. Ranks come
 * from float32 squared distances, so near-ties may rank one apart from a double-precision count.
 */
final class Trustworthiness {
    private Trustworthiness() {
    }

    static double sampled(VectorSource data, Metric metric, int[] queries, int[][] high, int[][] low, int k,
            Parallel par) {
        int n = data.size();
        int[][] missing = new int[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            java.util.Set<Integer> truth = new java.util.HashSet<>();
            for (int j = 0; j < k; j++) {
                truth.add(high[q][j]);
            }
            missing[q] = java.util.Arrays.stream(low[q], 0, k).filter(j -> !truth.contains(j)).toArray();
        }
        int[][] ranks = ExactSearch.ranks(data, queries, missing, metric, par);
        double penalty = 0;
        for (int[] r : ranks) {
            for (int rank : r) {
                penalty += rank - k;
            }
        }
        double s = queries.length;
        return 1 - 2.0 / (s * k * (2.0 * n - 3.0 * k - 1)) * penalty;
    }
}
