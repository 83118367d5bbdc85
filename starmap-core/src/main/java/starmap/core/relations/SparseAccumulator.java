/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.relations;

import java.util.Arrays;

/**
 * Sums into a sparse row: a dense array of n doubles with the list of the columns touched since the last
 * drain, in the order they were first touched. Sums are kept in double: a sum of float contributions is
 * then exact, whatever their order, as long as one column's contributions span fewer than about 29 binary
 * orders of magnitude (always for counts, integer weights and the split's scale factors; not guaranteed
 * for real-valued weights with steep decay). The single-machine builder and the Spark job both sum rows
 * with it.
 */
public final class SparseAccumulator {
    private final double[] sum;
    private final boolean[] seen;
    private int[] touched = new int[1024];
    private double[] drained = new double[1024];
    private int count;

    /** An accumulator over columns [0, n). */
    public SparseAccumulator(int n) {
        sum = new double[n];
        seen = new boolean[n];
    }

    /** Adds w to column j. */
    public void add(int j, double w) {
        if (!seen[j]) {
            seen[j] = true;
            if (count == touched.length) {
                touched = Arrays.copyOf(touched, touched.length * 2);
            }
            touched[count++] = j;
        }
        sum[j] += w;
    }

    /** Adds the first {@code count} entries of a sparse row. */
    public void add(int[] columns, double[] sums, int count) {
        for (int p = 0; p < count; p++) {
            add(columns[p], sums[p]);
        }
    }

    /** Columns touched since the last drain. */
    public int count() {
        return count;
    }

    /**
     * Ends the row: after this, {@link #columns()} and {@link #sums()} hold its {@link #count()} entries
     * (in first-touched order) until the next {@link #add}, and the accumulator is empty.
     */
    public int drain() {
        if (drained.length < count) {
            drained = new double[touched.length];
        }
        for (int p = 0; p < count; p++) {
            int j = touched[p];
            drained[p] = sum[j];
            sum[j] = 0;
            seen[j] = false;
        }
        int n = count;
        count = 0;
        return n;
    }

    /** The drained row's columns (valid up to the count {@link #drain()} returned; reused). */
    public int[] columns() {
        return touched;
    }

    /** The drained row's sums (valid up to the count {@link #drain()} returned; reused). */
    public double[] sums() {
        return drained;
    }

    /** The first {@code count} sums rounded to float, as the matrix stores them. */
    public static float[] toFloat(double[] sums, int count) {
        float[] out = new float[count];
        for (int p = 0; p < count; p++) {
            out[p] = (float) sums[p];
        }
        return out;
    }
}
