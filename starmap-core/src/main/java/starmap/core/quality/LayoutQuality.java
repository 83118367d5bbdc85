/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.quality;

import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import starmap.core.InvalidParameterException;
import starmap.core.knn.ExactSearch;
import starmap.core.knn.Metric;
import starmap.core.layout.Embedding;
import starmap.core.layout.affinity.SparseAffinities;
import starmap.core.parallel.Parallel;
import starmap.core.vectors.DenseVectors;
import starmap.core.vectors.VectorSource;

/** Measures a layout against its data. Stateless and thread-safe. */
public final class LayoutQuality {
    /** Neighbourhood size of the headline metrics. */
    public static final int K = 10;

    private LayoutQuality() {
    }

    /**
     * What to measure.
     *
     * @param sample     points to average neighbourhood metrics over (all points when n is smaller)
     * @param perplexity sets the precision/recall curve: data neighbourhood of this size, layout
     *                   neighbourhoods 1 … 3 × perplexity
     * @param seed       chooses the sample
     * @param metric     distance in the data space
     */
    public record Options(int sample, int perplexity, long seed, Metric metric) {
        public static final Options DEFAULTS = new Options(5000, 30, 1, Metric.EUCLIDEAN);

        public Options {
            InvalidParameterException.require(sample >= 1, "sample", ">= 1", sample);
            InvalidParameterException.require(perplexity >= 1, "perplexity", ">= 1", perplexity);
        }
    }

    /**
     * Measures {@code layout} against {@code data} (the space the layout was made from).
     *
     * @param labels     per-point class ids for the label accuracy, if any
     * @param affinities P for the KL divergence, if wanted
     */
    public static QualityReport measure(VectorSource data, Embedding layout, Optional<int[]> labels,
            Optional<SparseAffinities> affinities, Options o, Parallel par) {
        int n = data.size();
        InvalidParameterException.require(layout.size() == n, "layout", "one row per data point (" + n + ")",
                layout.size());
        int[] queries = sample(n, o.sample(), o.seed());
        int highK = Math.min(o.perplexity(), n - 1);
        int lowK = Math.min(3 * o.perplexity(), n - 1);
        int k = Math.min(K, n - 1);
        int[][] high = ExactSearch.neighborsOf(data, queries, Math.max(k, highK), o.metric(), par);
        try (DenseVectors coords = DenseVectors.wrap(layout.toArray(), n, layout.dimension())) {
            int[][] low = ExactSearch.neighborsOf(coords, queries, Math.max(k, lowK), Metric.EUCLIDEAN, par);
            double preservation = 0;
            double accuracy = 0;
            double[] precision = new double[lowK];
            double[] recall = new double[lowK];
            for (int q = 0; q < queries.length; q++) {
                preservation += overlap(high[q], k, low[q], k) / (double) k;
                if (labels.isPresent()) {
                    accuracy += vote(labels.get(), low[q], k) == labels.get()[queries[q]] ? 1 : 0;
                }
                Set<Integer> truth = set(high[q], highK);
                int hits = 0;
                for (int j = 0; j < lowK; j++) {
                    hits += truth.contains(low[q][j]) ? 1 : 0;
                    precision[j] += hits / (double) (j + 1);
                    recall[j] += hits / (double) highK;
                }
            }
            int s = queries.length;
            for (int j = 0; j < lowK; j++) {
                precision[j] /= s;
                recall[j] /= s;
            }
            double trust = Trustworthiness.sampled(data, o.metric(), queries, high, low, k, par);
            OptionalDouble kl = affinities.map(p -> OptionalDouble.of(KlDivergence.exact(p, layout, par)))
                    .orElse(OptionalDouble.empty());
            return new QualityReport(s, k, preservation / s, trust,
                    labels.isPresent() ? OptionalDouble.of(accuracy / s) : OptionalDouble.empty(), kl, highK,
                    precision, recall);
        }
    }

    /** Up to {@code sample} distinct rows of [0, n), ascending, chosen by {@code seed}; all rows when n is smaller. */
    static int[] sample(int n, int sample, long seed) {
        return sample >= n ? IntStream.range(0, n).toArray()
                : new SplittableRandom(seed).ints(0, n).distinct().limit(sample).sorted().toArray();
    }

    static int overlap(int[] a, int ka, int[] b, int kb) {
        Set<Integer> s = set(a, ka);
        int c = 0;
        for (int j = 0; j < kb; j++) {
            c += s.contains(b[j]) ? 1 : 0;
        }
        return c;
    }

    private static Set<Integer> set(int[] a, int k) {
        Set<Integer> s = new HashSet<>();
        for (int j = 0; j < k; j++) {
            s.add(a[j]);
        }
        return s;
    }

    /** The most frequent label among the k nearest; ties go to the label whose first vote is nearest. */
    static int vote(int[] labels, int[] neighbors, int k) {
        java.util.Map<Integer, Integer> count = new java.util.HashMap<>();
        int max = 0;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, count.merge(labels[neighbors[j]], 1, Integer::sum));
        }
        for (int j = 0; j < k; j++) {
            if (count.get(labels[neighbors[j]]) == max) {
                return labels[neighbors[j]];
            }
        }
        throw new IllegalStateException("no neighbours");
    }
}
