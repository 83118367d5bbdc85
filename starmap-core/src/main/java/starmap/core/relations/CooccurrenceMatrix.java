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

    /** Sum of row i ({@link #sum}). */
    public double rowSum(int i) {
        return sum(values[i], values[i].length);
    }

    /**
     * The sum of the first {@code count} values, compensated (Neumaier): the rounding error of each addition
     * is carried along and added back, so the result is within an ulp or so of the exact sum and, in
     * practice, the same whatever the order of the columns, which differs between the single-machine and
     * the Spark builders (both sum rows with this method).
     */
    public static double sum(float[] values, int count) {
        double s = 0;
        double c = 0;
        for (int p = 0; p < count; p++) {
            double v = values[p];
            double t = s + v;
            c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
        }
        return s + c;
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
