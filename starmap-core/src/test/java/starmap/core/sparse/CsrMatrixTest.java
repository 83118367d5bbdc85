/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.sparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CsrMatrixTest {
    @Test
    void coordinates_are_sorted_per_row_and_duplicates_summed() {
        CsrMatrix m = CsrMatrix.fromCoordinates(2, 3, new int[] {1, 0, 1, 0}, new int[] {2, 1, 0, 1},
                new float[] {5, 1, 4, 2});
        assertThat(m.nonZeros()).isEqualTo(3);
        assertThat(m.get(0, 1)).isEqualTo(3f);
        assertThat(m.get(1, 0)).isEqualTo(4f);
        assertThat(m.get(1, 2)).isEqualTo(5f);
        assertThat(m.get(0, 0)).isZero();
        assertThat(m.rowEnd(1) - m.rowStart(1)).isEqualTo(2);
        assertThat(m.sum()).isEqualTo(12.0);
    }

    @Test
    void transpose_of_transpose_is_the_matrix_and_long_rows_sort() {
        SplittableRandom rnd = new SplittableRandom(7);
        int nnz = 500;
        int[] r = new int[nnz];
        int[] c = new int[nnz];
        float[] v = new float[nnz];
        for (int p = 0; p < nnz; p++) {
            r[p] = rnd.nextInt(4);
            c[p] = rnd.nextInt(300);
            v[p] = p;
        }
        CsrMatrix m = CsrMatrix.fromCoordinates(4, 300, r, c, v);
        assertThat(m.transpose().transpose()).isEqualTo(m);
        assertThat(m.transpose().rows()).isEqualTo(300);
        double expected = 0;
        for (float x : v) {
            expected += x;
        }
        assertThat(m.sum()).isEqualTo(expected);
        for (int i = 0; i < 4; i++) {
            for (int p = m.rowStart(i) + 1; p < m.rowEnd(i); p++) {
                assertThat(m.indexAt(p)).isGreaterThan(m.indexAt(p - 1));
            }
        }
    }

    @Test
    void symmetry_is_checked_exactly() {
        CsrMatrix sym = CsrMatrix.fromCoordinates(2, 2, new int[] {0, 1}, new int[] {1, 0}, new float[] {1, 1});
        CsrMatrix asym = CsrMatrix.fromCoordinates(2, 2, new int[] {0, 1}, new int[] {1, 0}, new float[] {1, 2});
        assertThat(sym.isSymmetric()).isTrue();
        assertThat(asym.isSymmetric()).isFalse();
    }

    @Test
    void rejects_inconsistent_arrays() {
        assertThatThrownBy(() -> CsrMatrix.of(2, 2, new int[] {0, 2, 1}, new int[] {0}, new float[] {1}))
                .hasMessage("csr matrix: row 2: indptr decreases");
        assertThatThrownBy(() -> CsrMatrix.of(2, 2, new int[] {0, 1}, new int[] {0}, new float[] {1}))
                .hasMessageContaining("inconsistent arrays");
        assertThatThrownBy(() -> CsrMatrix.of(1, 2, new int[] {0, 2}, new int[] {1, 0}, new float[] {1, 1}))
                .hasMessageContaining("row 1: column 0 is out of [0, 2) or not ascending");
        assertThatThrownBy(() -> CsrMatrix.fromCoordinates(2, 2, new int[] {2}, new int[] {0}, new float[] {1}))
                .hasMessage("coordinates: entry 1: (2, 0) outside 2 × 2");
    }
}
