/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import starmap.core.graph.KnnGraph;
import starmap.core.layout.Clusters;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.vectors.DenseVectors;

/** The approximate searches find nearly all true neighbours, with exact distances. */
class ApproximateSearchTest {
    private static final Clusters DATA = Clusters.of(12_000, 24, 40, 4, 9);

    private static DenseVectors data() {
        return DenseVectors.wrap(DATA.vectors(), DATA.n(), DATA.d());
    }

    @Test
    void ivf_recall_is_high_and_distances_are_exact() {
        try (Parallel par = Parallel.of(2)) {
            KnnGraph g = new IvfSearch(new IvfSearch.Params(20, 500, 10, 64, 1)).search(data(), 30, Metric.EUCLIDEAN,
                    par, Progress.NONE);
            assertThat(Recall.measure(g, data(), Metric.EUCLIDEAN, 500, 2, par)).isGreaterThan(0.95);
            float[] a = new float[24];
            float[] b = new float[24];
            data().read(7, a, 0);
            data().read(g.neighbor(7, 3), b, 0);
            double s = 0;
            for (int j = 0; j < 24; j++) {
                s += (a[j] - b[j]) * (a[j] - b[j]);
            }
            assertThat((double) g.distance(7, 3)).isCloseTo(Math.sqrt(s), org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void ivf_is_deterministic_on_any_thread_count_and_supports_cosine() {
        try (Parallel one = Parallel.sequential(); Parallel three = Parallel.of(3)) {
            IvfSearch ivf = new IvfSearch(new IvfSearch.Params(8, 400, 5, 32, 3));
            assertThat(ivf.search(data(), 15, Metric.COSINE, one, Progress.NONE))
                    .isEqualTo(ivf.search(data(), 15, Metric.COSINE, three, Progress.NONE));
        }
    }

    @Test
    void small_inputs_fall_back_to_exact_and_inner_product_is_refused() {
        DenseVectors small = DenseVectors.wrap(java.util.Arrays.copyOf(DATA.vectors(), 300 * 24), 300, 24);
        try (Parallel par = Parallel.of(2)) {
            assertThat(new IvfSearch(IvfSearch.Params.DEFAULTS).search(small, 10, Metric.EUCLIDEAN, par, Progress.NONE))
                    .isEqualTo(new ExactSearch().search(small, 10, Metric.EUCLIDEAN, par, Progress.NONE));
            assertThatThrownBy(() -> new IvfSearch(IvfSearch.Params.DEFAULTS).search(data(), 10, Metric.INNER_PRODUCT,
                    par, Progress.NONE)).hasMessageStartingWith("metric must be euclidean or cosine for the ivf search");
        }
    }

    @Test
    void hnsw_recall_is_high() {
        DenseVectors part = DenseVectors.wrap(java.util.Arrays.copyOf(DATA.vectors(), 3000 * 24), 3000, 24);
        try (Parallel par = Parallel.of(2)) {
            KnnGraph g = new HnswSearch(HnswSearch.Params.DEFAULTS).search(part, 15, Metric.EUCLIDEAN, par,
                    Progress.NONE);
            assertThat(Recall.measure(g, part, Metric.EUCLIDEAN, 300, 2, par)).isGreaterThan(0.9);
        }
    }
}
