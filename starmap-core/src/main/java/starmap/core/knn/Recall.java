/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.knn;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import starmap.core.graph.KnnGraph;
import starmap.core.parallel.Parallel;
import starmap.core.vectors.VectorSource;

/** How many of the true k nearest neighbours an approximate graph found, on a seeded sample of points. */
public final class Recall {
    private Recall() {
    }

    /**
     * The fraction of each sampled point's exact {@code graph.k()} nearest neighbours that the graph lists,
     * averaged over {@code sample} points (all points when there are fewer).
     */
    public static double measure(KnnGraph graph, VectorSource data, Metric metric, int sample, long seed, Parallel par) {
        int n = data.size();
        int k = graph.k();
        if (k == 0) {
            return 1;
        }
        int[] queries = sample >= n ? java.util.stream.IntStream.range(0, n).toArray()
                : new SplittableRandom(seed).ints(0, n).distinct().limit(sample).sorted().toArray();
        int[][] exact = ExactSearch.neighborsOf(data, queries, k, metric, par);
        long hits = 0;
        for (int q = 0; q < queries.length; q++) {
            Set<Integer> truth = new HashSet<>();
            for (int j : exact[q]) {
                truth.add(j);
            }
            for (int j : graph.neighbors(queries[q])) {
                if (truth.contains(j)) {
                    hits++;
                }
            }
        }
        return hits / (double) ((long) queries.length * k);
    }
}
