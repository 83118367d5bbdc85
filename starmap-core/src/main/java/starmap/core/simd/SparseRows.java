/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.simd;

/**
 * A sparse matrix's rows prepared for {@link Kernels#attraction}: row pointers, column indices already
 * multiplied by the embedding dimension (so they index a row-major position array directly), and values,
 * the last two padded with 16 zeros so vector loads past a row's end stay inside the arrays.
 *
 * @param ptr     row i's entries are {@code [ptr[i], ptr[i+1])}
 * @param columns column index × dimension, per entry
 * @param values  entry values (0 in the padding)
 */
public record SparseRows(int[] ptr, int[] columns, float[] values) {
    /** Builds the padded arrays from CSR arrays. */
    public static SparseRows of(int[] ptr, int[] columns, float[] values, int dim) {
        int nnz = columns.length;
        int[] cols = new int[nnz + 16];
        float[] vals = new float[nnz + 16];
        for (int q = 0; q < nnz; q++) {
            cols[q] = columns[q] * dim;
            vals[q] = values[q];
        }
        return new SparseRows(ptr, cols, vals);
    }
}
