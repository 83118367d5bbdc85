/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.vectors;

/**
 * Random access to n vectors of d float32 components, by dense row index 0 … n−1.
 *
 * <p>Thread safety: implementations are safe for concurrent reads. A source does not change while
 * it is read; code that needs a private, mutable copy calls {@link DenseVectors#copyOf}.
 */
public interface VectorSource {
    /** The number of vectors, n. */
    int size();

    /** The number of components of each vector, d. */
    int dimension();

    /** Component {@code col} of vector {@code row}. */
    float get(int row, int col);

    /** Copies vector {@code row} into {@code dst[offset … offset + d)}. */
    default void read(int row, float[] dst, int offset) {
        int d = dimension();
        for (int j = 0; j < d; j++) {
            dst[offset + j] = get(row, j);
        }
    }
}
