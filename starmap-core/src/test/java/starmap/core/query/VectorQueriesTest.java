/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import starmap.core.knn.Metric;
import starmap.core.parallel.Parallel;
import starmap.core.vectors.DenseVectors;

class VectorQueriesTest {
    /**
     * Points on a line at 0, 1, 2, 5, 10, 4.2 and one off it at (5, 4): the averager of 0 and 10 puts the
     * middle point first, then (5, 4) — 6.4 from both — before 4.2, which is nearer the midpoint (0.8
     * away, against 4) but lopsided (4.2 from A, 5.8 from B).
     */
    private static final float[] POINTS = {0, 0, 1, 0, 2, 0, 5, 0, 10, 0, 5, 4, 4.2f, 0};

    private static List<Integer> rows(List<VectorQueries.Hit> hits) {
        return hits.stream().map(VectorQueries.Hit::row).toList();
    }

    @Test
    void nearest_items_leave_the_item_out_and_come_best_first() {
        try (Parallel par = Parallel.of(2); DenseVectors v = DenseVectors.wrap(POINTS, 7, 2)) {
            assertThat(rows(VectorQueries.nearest(v, 0, 3, Metric.EUCLIDEAN, par))).containsExactly(1, 2, 6);
            assertThat(VectorQueries.nearest(v, 0, 1, Metric.EUCLIDEAN, par).getFirst().score()).isEqualTo(1.0);
            assertThat(VectorQueries.nearest(v, 0, 50, Metric.EUCLIDEAN, par)).hasSize(6);
        }
    }

    @Test
    void the_averager_penalises_lopsided_matches() {
        try (Parallel par = Parallel.of(2); DenseVectors v = DenseVectors.wrap(POINTS, 7, 2)) {
            List<VectorQueries.Hit> hits = VectorQueries.between(v, 0, 4, 3, Metric.EUCLIDEAN, par);
            // row 3 at 5: max 5 + 0; row 6 at 4.2: 5.8 + 0.8; row 5 at (5, 4): 6.4 + 0; row 2 at 2: 8 + 3
            assertThat(rows(hits)).containsExactly(3, 5, 6);
            assertThat(hits.getFirst().score()).isEqualTo(5.0);
        }
    }

    @Test
    void analogies_add_the_offset_and_leave_the_three_out() {
        // king − man + woman: a grid where "royal" is +x and "female" is +y
        float[] words = {0, 0, 10, 0, 0, 10, 10, 10, 9.5f, 0.5f};
        try (Parallel par = Parallel.of(1); DenseVectors v = DenseVectors.wrap(words, 5, 2)) {
            // man 0, king 1, woman 2, queen 3, prince 4: king − man + woman = (10, 10) = queen
            assertThat(rows(VectorQueries.analogy(v, 1, 0, 2, 1, Metric.EUCLIDEAN, par))).containsExactly(3);
            assertThatThrownBy(() -> VectorQueries.nearest(v, 9, 1, Metric.EUCLIDEAN, par))
                    .hasMessageContaining("item must be a row in [0, 5)");
            assertThatThrownBy(() -> VectorQueries.nearest(v, 0, 1, Metric.INNER_PRODUCT, par))
                    .hasMessageContaining("euclidean or cosine");
        }
    }

    @Test
    void the_same_item_twice_is_a_question_not_a_crash() {
        try (Parallel par = Parallel.of(2); DenseVectors v = DenseVectors.wrap(POINTS, 7, 2)) {
            assertThat(rows(VectorQueries.between(v, 0, 0, 3, Metric.EUCLIDEAN, par)))
                    .isEqualTo(rows(VectorQueries.nearest(v, 0, 3, Metric.EUCLIDEAN, par)));
            assertThat(VectorQueries.analogy(v, 1, 1, 2, 3, Metric.EUCLIDEAN, par)).hasSize(3);
        }
    }
}
