/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import starmap.core.InvalidInputException;

class KnnGraphTest {
    @Test
    void reads_neighbours_nearest_first() {
        KnnGraph g = KnnGraph.of(3, 2, new int[] {1, 2, 0, 2, 1, 0}, new float[] {1, 2, 1, 3, 2, 2});
        assertThat(g.neighbors(1)).containsExactly(0, 2);
        assertThat(g.distance(1, 1)).isEqualTo(3f);
        assertThat(g.neighbor(2, 0)).isEqualTo(1);
        assertThat(g.size()).isEqualTo(3);
        assertThat(g.k()).isEqualTo(2);
    }

    @Test
    void duplicate_points_may_be_neighbours_at_distance_zero() {
        KnnGraph g = KnnGraph.of(2, 1, new int[] {1, 0}, new float[] {0, 0});
        assertThat(g.distance(0, 0)).isZero();
    }

    @Test
    void rejects_a_point_listed_as_its_own_neighbour() {
        assertThatThrownBy(() -> KnnGraph.of(2, 1, new int[] {1, 1}, new float[] {1, 1}))
                .isInstanceOf(InvalidInputException.class).hasMessage("knn graph: row 2: lists itself as neighbour 0");
    }

    @Test
    void rejects_unsorted_rows_out_of_range_indices_and_repeats() {
        assertThatThrownBy(() -> KnnGraph.of(3, 2, new int[] {1, 2, 0, 2, 0, 1}, new float[] {2, 1, 1, 1, 1, 1}))
                .hasMessageContaining("row 1: distances are not ascending");
        assertThatThrownBy(() -> KnnGraph.of(3, 1, new int[] {3, 0, 0}, new float[] {1, 1, 1}))
                .hasMessageContaining("outside [0, 3)");
        assertThatThrownBy(() -> KnnGraph.of(3, 2, new int[] {1, 1, 0, 2, 0, 1}, new float[] {1, 1, 1, 1, 1, 1}))
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> KnnGraph.of(2, 1, new int[] {1, 0}, new float[] {Float.NaN, 1}))
                .hasMessageContaining("expected finite");
    }

    @Test
    void k_must_be_below_n() {
        assertThatThrownBy(() -> KnnGraph.of(2, 2, new int[4], new float[4])).hasMessage(
                "k must be in [0, n - 1] (n = 2), got 2");
        assertThat(KnnGraph.of(1, 0, new int[0], new float[0]).k()).isZero();
    }
}
