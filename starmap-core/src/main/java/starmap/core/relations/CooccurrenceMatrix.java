/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.relations;

/**
 * A sparse symmetric item × item similarity matrix with no diagonal, held as one pair of arrays per
 * row (columns in no particular order), so its memory is proportional to the non-zeros. Row sums and
 * per-item counts travel with it for the PMI and Jaccard transforms.
 *
 * @param size        number of items n
 * @param columns     columns[i]: the items that share a collection (or an edge) with item i
 * @param values      values[i][p]: the similarity of item i and columns[i][p]
 * @param occurrences rows (or edge ends) each item appeared in
 * @param groups      distinct collections (or edges) each item appeared in, the denominator of Jaccard
 * @param splitCollections collections that were larger than the cap and split
 */
public record CooccurrenceMatrix(int size, int[][] columns, float[][] values, long[] occurrences, long[] groups,
        long splitCollections) {

    /** Stored entries (both halves). */
    public long nonZeros() {
        long nnz = 0;
        for (int[] c : columns) {
            nnz += c.length;
        }
        return nnz;
    }

    /** Sum of row i. */
    public double rowSum(int i) {
        double s = 0;
        for (float v : values[i]) {
            s += v;
        }
        return s;
    }

    /** The entry (i, j), 0 where absent; a linear scan of row i, for tests and small lookups. */
    public float get(int i, int j) {
        int[] c = columns[i];
        for (int p = 0; p < c.length; p++) {
            if (c[p] == j) {
                return values[i][p];
            }
        }
        return 0;
    }
}
