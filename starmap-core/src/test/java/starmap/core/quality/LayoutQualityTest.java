/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Comparator;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import starmap.core.knn.Metric;
import starmap.core.layout.Embedding;
import starmap.core.parallel.Parallel;
import starmap.core.vectors.DenseVectors;

class LayoutQualityTest {
    private static double d2(float[] v, int d, int a, int b) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double t = v[a * d + j] - v[b * d + j];
            s += t * t;
        }
        return s;
    }

    /** Trustworthiness straight from its definition (as scikit-learn computes it). */
    private static double naiveTrust(float[] x, int dx, float[] y, int dy, int n, int k) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int q = i;
            Integer[] byHigh = IntStream.range(0, n).filter(j -> j != q).boxed()
                    .sorted(Comparator.comparingDouble(j -> d2(x, dx, q, j))).toArray(Integer[]::new);
            Integer[] byLow = IntStream.range(0, n).filter(j -> j != q).boxed()
                    .sorted(Comparator.comparingDouble(j -> d2(y, dy, q, j))).toArray(Integer[]::new);
            java.util.List<Integer> high = java.util.Arrays.asList(byHigh);
            for (int j = 0; j < k; j++) {
                int rank = high.indexOf(byLow[j]) + 1;
                if (rank > k) {
                    sum += rank - k;
                }
            }
        }
        return 1 - 2.0 / (n * k * (2.0 * n - 3.0 * k - 1)) * sum;
    }

    @Test
    void trustworthiness_matches_its_definition_and_a_perfect_layout_scores_one() {
        int n = 300;
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[n * 6];
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 6; j++) {
                x[i * 6 + j] = (float) r.nextGaussian() * (j < 2 ? 5 : 1);
            }
            y[i * 2] = x[i * 6] + (float) r.nextGaussian();
            y[i * 2 + 1] = x[i * 6 + 1] + (float) r.nextGaussian();
        }
        try (Parallel par = Parallel.of(2)) {
            LayoutQuality.Options all = new LayoutQuality.Options(n, 10, 1, Metric.EUCLIDEAN);
            QualityReport q = LayoutQuality.measure(DenseVectors.wrap(x, n, 6), Embedding.of(2, y), Optional.empty(),
                    Optional.empty(), all, par);
            assertThat(q.trustworthiness()).as("float32 ranks").isCloseTo(naiveTrust(x, 6, y, 2, n, 10), offset(1e-3));
            assertThat(q.sampled()).isEqualTo(n);
            float[] flat = new float[n * 2];
            for (int i = 0; i < n; i++) {
                flat[i * 2] = x[i * 6];
                flat[i * 2 + 1] = x[i * 6 + 1];
            }
            QualityReport perfect = LayoutQuality.measure(DenseVectors.wrap(flat, n, 2), Embedding.of(2, flat),
                    Optional.empty(), Optional.empty(), all, par);
            assertThat(perfect.trustworthiness()).isEqualTo(1.0);
            assertThat(perfect.knnPreservation()).isEqualTo(1.0);
            assertThat(perfect.precision()[9]).isCloseTo(1.0, offset(1e-12));
            assertThat(perfect.recall()[29]).isCloseTo(1.0, offset(1e-12));
            assertThat(perfect.asMetrics()).containsKeys("knn_preservation@10", "trustworthiness@10", "precision@10/10");
        }
    }

    @Test
    void the_label_vote_breaks_ties_towards_the_nearest_label() {
        int[] labels = {0, 1, 1, 2, 2};
        assertThat(LayoutQuality.vote(labels, new int[] {3, 1, 2, 4}, 4)).isEqualTo(2);
        assertThat(LayoutQuality.vote(labels, new int[] {1, 3, 4, 0}, 4)).isEqualTo(2);
        assertThat(LayoutQuality.vote(labels, new int[] {1, 3, 2, 4}, 4)).isEqualTo(1);
    }
}
