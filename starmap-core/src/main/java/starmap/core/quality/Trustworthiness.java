/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.quality;

import starmap.core.knn.Metric;
import starmap.core.parallel.Parallel;
import starmap.core.vectors.VectorSource;

/**
 * Trustworthiness (Venna &amp; Kaski 2001): T(k) = 1 − 2 / (n k (2n − 3k − 1)) Σ_i Σ_{j ∈ U_i} (r(i, j) − k),
 * where U_i are i's k nearest layout neighbours that are not among its k nearest data neighbours and
 * r(i, j) is j's rank among i's data neighbours. On a sample of points the sum runs over the sample
 * and n in the leading factor becomes the sample size; ranks are always against all points.
 */
final class Trustworthiness {
    private Trustworthiness() {
    }

    static double sampled(VectorSource data, Metric metric, int[] queries, int[][] high, int[][] low, int k,
            Parallel par) {
        int n = data.size();
        int d = data.dimension();
        double penalty = par.sum(queries.length, 16, (s, e) -> {
            float[] qrow = new float[d];
            float[] row = new float[d];
            float[] dist = new float[n];
            double sum = 0;
            for (int q = s; q < e; q++) {
                int i = queries[q];
                java.util.Set<Integer> truth = new java.util.HashSet<>();
                for (int j = 0; j < k; j++) {
                    truth.add(high[q][j]);
                }
                data.read(i, qrow, 0);
                for (int j = 0; j < n; j++) {
                    data.read(j, row, 0);
                    dist[j] = distance(qrow, row, metric);
                }
                for (int j = 0; j < k; j++) {
                    int nb = low[q][j];
                    if (truth.contains(nb)) {
                        continue;
                    }
                    float dn = dist[nb];
                    int rank = 0;
                    for (int l = 0; l < n; l++) {
                        if (l != i && (dist[l] < dn || (dist[l] == dn && l < nb))) {
                            rank++;
                        }
                    }
                    sum += rank + 1 - k;
                }
            }
            return sum;
        });
        double s = queries.length;
        return 1 - 2.0 / (s * k * (2.0 * n - 3.0 * k - 1)) * penalty;
    }

    private static float distance(float[] a, float[] b, Metric metric) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        double sq = 0;
        for (int j = 0; j < a.length; j++) {
            dot += a[j] * b[j];
            na += a[j] * a[j];
            nb += b[j] * b[j];
            double t = a[j] - b[j];
            sq += t * t;
        }
        return switch (metric) {
            case EUCLIDEAN -> (float) sq;
            case COSINE -> na == 0 || nb == 0 ? 1f : (float) (1 - dot / Math.sqrt(na * nb));
            case INNER_PRODUCT -> (float) -dot;
        };
    }
}
