/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.knn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import starmap.core.graph.KnnGraph;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.vectors.DenseVectors;

class ExactSearchTest {
    private static float[] random(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** Straightforward double-precision reference. */
    private static double dist(float[] v, int d, int a, int b, Metric m) {
        double dot = 0, na = 0, nb = 0, sq = 0;
        for (int j = 0; j < d; j++) {
            double x = v[a * d + j], y = v[b * d + j];
            dot += x * y;
            na += x * x;
            nb += y * y;
            sq += (x - y) * (x - y);
        }
        return switch (m) {
            case EUCLIDEAN -> Math.sqrt(sq);
            case COSINE -> 1 - dot / Math.sqrt(na * nb);
            case INNER_PRODUCT -> -dot;
        };
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void matches_a_naive_search_for_every_metric(Metric metric) {
        int n = 301;
        int d = 37;
        int k = 12;
        float[] v = random(n, d, 5);
        try (Parallel par = Parallel.of(2)) {
            KnnGraph g = new ExactSearch().search(DenseVectors.wrap(v, n, d), k, metric, par, Progress.NONE);
            for (int i = 0; i < n; i++) {
                int q = i;
                Integer[] expected = IntStream.range(0, n).filter(j -> j != q).boxed()
                        .sorted(Comparator.comparingDouble(j -> dist(v, d, q, j, metric))).limit(k).toArray(Integer[]::new);
                assertThat(Arrays.stream(g.neighbors(i)).boxed().toArray()).as("row %d", i).containsExactly((Object[]) expected);
                double shift = metric == Metric.INNER_PRODUCT ? dist(v, d, q, expected[0], metric) : 0;
                for (int j = 0; j < k; j++) {
                    assertThat((double) g.distance(i, j)).isCloseTo(dist(v, d, q, expected[j], metric) - shift,
                            org.assertj.core.data.Offset.offset(1e-4));
                }
            }
        }
    }

    @Test
    void the_result_is_the_same_on_one_thread_and_many() {
        float[] v = random(1000, 20, 9);
        try (Parallel one = Parallel.sequential(); Parallel many = Parallel.of(3)) {
            KnnGraph a = new ExactSearch().search(DenseVectors.wrap(v, 1000, 20), 15, Metric.EUCLIDEAN, one, Progress.NONE);
            KnnGraph b = new ExactSearch().search(DenseVectors.wrap(v, 1000, 20), 15, Metric.EUCLIDEAN, many, Progress.NONE);
            assertThat(a).isEqualTo(b);
        }
    }

    @Test
    void duplicates_are_neighbours_at_zero_and_ties_break_by_index() {
        float[] v = {0, 0, 1, 1, 0, 0, 0, 0, 5, 5};
        KnnGraph g = new ExactSearch().search(DenseVectors.wrap(v, 5, 2), 2, Metric.EUCLIDEAN, Parallel.sequential(),
                Progress.NONE);
        assertThat(g.neighbors(0)).containsExactly(2, 3);
        assertThat(g.distance(0, 1)).isZero();
        assertThat(g.neighbors(2)).containsExactly(0, 3);
    }

    @Test
    void k_is_clamped_to_n_minus_1_and_tiny_inputs_work() {
        float[] v = {0, 1, 3};
        KnnGraph g = new ExactSearch().search(DenseVectors.wrap(v, 3, 1), 10, Metric.EUCLIDEAN, Parallel.sequential(),
                Progress.NONE);
        assertThat(g.k()).isEqualTo(2);
        assertThat(g.neighbors(2)).containsExactly(1, 0);
        assertThat(new ExactSearch().search(DenseVectors.wrap(new float[] {1}, 1, 1), 5, Metric.EUCLIDEAN,
                Parallel.sequential(), Progress.NONE).k()).isZero();
    }

    @Test
    void zero_vectors_are_at_cosine_distance_one() {
        float[] v = {0, 0, 1, 0, 0, 1};
        KnnGraph g = new ExactSearch().search(DenseVectors.wrap(v, 3, 2), 2, Metric.COSINE, Parallel.sequential(),
                Progress.NONE);
        assertThat(g.distance(0, 0)).isEqualTo(1f);
        assertThat(g.distance(1, 0)).isEqualTo(1f);
    }
}
