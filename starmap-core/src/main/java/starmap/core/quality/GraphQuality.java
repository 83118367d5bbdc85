/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.quality;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import starmap.core.InvalidParameterException;
import starmap.core.graph.KnnGraph;
import starmap.core.knn.ExactSearch;
import starmap.core.knn.Metric;
import starmap.core.layout.Embedding;
import starmap.core.parallel.Parallel;
import starmap.core.vectors.DenseVectors;

/**
 * Measures a layout of a graph against the graph: how many of an item's graph neighbours are among its
 * nearest in the layout, how long the graph's edges are drawn relative to the map's size, and, when items
 * carry a category, how often the k nearest in the layout vote for the item's own.
 */
public final class GraphQuality {
    private GraphQuality() {
    }

    /**
     * @param sampled           items averaged over
     * @param k                 the graph's neighbours per item, and the layout neighbourhood compared with them
     * @param graphNeighbors    mean fraction of an item's k graph neighbours among its k nearest in the layout
     * @param edgeLength        mean drawn length of the graph's edges divided by the layout's extent, twice the
     *                          root-mean-square distance of the items from their centroid (small is tight)
     * @param labelAccuracy     leave-one-out accuracy of a 10-nearest vote on the layout, when labels exist (NaN if not)
     */
    public record Report(int sampled, int k, double graphNeighbors, double edgeLength, double labelAccuracy) {

        /** The metrics as layouts store them. */
        public Map<String, Double> asMetrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("graph_neighbors@" + k, graphNeighbors);
            m.put("edge_length", edgeLength);
            if (!Double.isNaN(labelAccuracy)) {
                m.put("label_accuracy@" + LayoutQuality.K, labelAccuracy);
            }
            m.put("quality_sample", (double) sampled);
            return m;
        }
    }

    /** Measures {@code layout} against {@code graph} on up to {@code sample} items chosen by {@code seed}. */
    public static Report measure(KnnGraph graph, Embedding layout, Optional<int[]> labels, int sample, long seed,
            Parallel par) {
        int n = graph.size();
        InvalidParameterException.require(layout.size() == n, "layout", "one row per graph item (" + n + ")",
                layout.size());
        int k = graph.k();
        int[] queries = LayoutQuality.sample(n, sample, seed);
        int vote = Math.min(LayoutQuality.K, n - 1);
        int dim = layout.dimension();
        float[] y = layout.toArray();
        try (DenseVectors coords = DenseVectors.wrap(y, n, dim)) {
            int[][] low = ExactSearch.neighborsOf(coords, queries, Math.max(k, vote), Metric.EUCLIDEAN, par);
            double found = 0;
            double correct = 0;
            for (int q = 0; q < queries.length; q++) {
                int i = queries[q];
                found += LayoutQuality.overlap(graph.neighbors(i), k, low[q], k);
                if (labels.isPresent()) {
                    correct += LayoutQuality.vote(labels.get(), low[q], vote) == labels.get()[i] ? 1 : 0;
                }
            }
            double edge = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    edge += distance(y, dim, i, graph.neighbor(i, j));
                }
            }
            edge /= (double) n * k;
            return new Report(queries.length, k, found / ((double) queries.length * k), edge / extent(y, n, dim),
                    labels.isPresent() ? correct / queries.length : Double.NaN);
        }
    }

    private static double distance(float[] y, int dim, int a, int b) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
            double t = y[a * dim + d] - y[b * dim + d];
            s += t * t;
        }
        return Math.sqrt(s);
    }

    /** Twice the root-mean-square distance from the centroid. */
    static double extent(float[] y, int n, int dim) {
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                mean[d] += y[i * dim + d];
            }
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                double t = y[i * dim + d] - mean[d] / n;
                ss += t * t;
            }
        }
        double r = 2 * Math.sqrt(ss / n);
        return r > 0 ? r : 1;
    }
}
