/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.sparse;

import java.util.Arrays;
import starmap.core.InvalidInputException;
import starmap.core.InvalidParameterException;

/**
 * A {@code rows × cols} sparse float matrix in compressed sparse row form: the non-zeros of row i
 * are {@code indices[indptr[i] … indptr[i+1])} with {@code values} alongside, columns strictly
 * ascending within a row. At most 2³¹ − 1 non-zeros.
 */
public final class CsrMatrix {
    private final int rows;
    private final int cols;
    private final int[] indptr;
    private final int[] indices;
    private final float[] values;

    private CsrMatrix(int rows, int cols, int[] indptr, int[] indices, float[] values) {
        this.rows = rows;
        this.cols = cols;
        this.indptr = indptr;
        this.indices = indices;
        this.values = values;
    }

    /**
     * Wraps CSR arrays after checking them (lengths, monotone {@code indptr}, columns in range and
     * strictly ascending per row). The arrays are taken over, not copied.
     */
    public static CsrMatrix of(int rows, int cols, int[] indptr, int[] indices, float[] values) {
        InvalidParameterException.require(rows >= 0, "rows", ">= 0", rows);
        InvalidParameterException.require(cols >= 0, "cols", ">= 0", cols);
        if (indptr.length != rows + 1 || indptr[0] != 0 || indices.length != values.length
                || indptr[rows] != indices.length) {
            throw InvalidInputException.in("csr matrix").problem("inconsistent arrays: indptr has "
                    + indptr.length + " entries for " + rows + " rows, indices " + indices.length
                    + ", values " + values.length);
        }
        for (int i = 0; i < rows; i++) {
            if (indptr[i + 1] < indptr[i]) {
                throw InvalidInputException.in("csr matrix").row(i + 1L).problem("indptr decreases");
            }
        }
        for (int i = 0; i < rows; i++) {
            for (int p = indptr[i]; p < indptr[i + 1]; p++) {
                int c = indices[p];
                if (c < 0 || c >= cols || (p > indptr[i] && c <= indices[p - 1])) {
                    throw InvalidInputException.in("csr matrix").row(i + 1L).problem(
                            "column " + c + " is out of [0, " + cols + ") or not ascending");
                }
            }
        }
        return new CsrMatrix(rows, cols, indptr, indices, values);
    }

    /**
     * Builds a matrix from coordinate triplets; duplicate (row, col) entries are summed and explicit
     * zeros kept. Runs in O(nnz + rows) time with a counting sort.
     */
    public static CsrMatrix fromCoordinates(int rows, int cols, int[] r, int[] c, float[] v) {
        if (r.length != c.length || r.length != v.length) {
            throw InvalidInputException.in("coordinates").problem("row, col and value arrays differ in "
                    + "length: " + r.length + ", " + c.length + ", " + v.length);
        }
        int[] count = new int[rows + 1];
        for (int p = 0; p < r.length; p++) {
            if (r[p] < 0 || r[p] >= rows || c[p] < 0 || c[p] >= cols) {
                throw InvalidInputException.in("coordinates").at("entry", p + 1L).problem("(" + r[p]
                        + ", " + c[p] + ") outside " + rows + " × " + cols);
            }
            count[r[p] + 1]++;
        }
        for (int i = 0; i < rows; i++) {
            count[i + 1] += count[i];
        }
        int[] next = Arrays.copyOf(count, rows);
        int[] ci = new int[r.length];
        float[] cv = new float[r.length];
        for (int p = 0; p < r.length; p++) {
            int dst = next[r[p]]++;
            ci[dst] = c[p];
            cv[dst] = v[p];
        }
        return compact(rows, cols, count, ci, cv);
    }

    /** Sorts each row by column and sums duplicates. */
    private static CsrMatrix compact(int rows, int cols, int[] ptr, int[] ci, float[] cv) {
        int[] outPtr = new int[rows + 1];
        int w = 0;
        for (int i = 0; i < rows; i++) {
            int start = ptr[i];
            int end = ptr[i + 1];
            sortRow(ci, cv, start, end);
            int rowStart = w;
            for (int p = start; p < end; p++) {
                if (w > rowStart && ci[w - 1] == ci[p]) {
                    cv[w - 1] += cv[p];
                } else {
                    ci[w] = ci[p];
                    cv[w] = cv[p];
                    w++;
                }
            }
            outPtr[i + 1] = w;
        }
        return new CsrMatrix(rows, cols, outPtr, Arrays.copyOf(ci, w), Arrays.copyOf(cv, w));
    }

    /** Insertion sort for short rows, else sort by packed keys. */
    private static void sortRow(int[] ci, float[] cv, int start, int end) {
        if (end - start <= 32) {
            for (int a = start + 1; a < end; a++) {
                int key = ci[a];
                float val = cv[a];
                int b = a - 1;
                while (b >= start && ci[b] > key) {
                    ci[b + 1] = ci[b];
                    cv[b + 1] = cv[b];
                    b--;
                }
                ci[b + 1] = key;
                cv[b + 1] = val;
            }
            return;
        }
        long[] packed = new long[end - start];
        for (int p = start; p < end; p++) {
            packed[p - start] = ((long) ci[p] << 32) | (p - start);
        }
        Arrays.sort(packed);
        float[] vals = Arrays.copyOfRange(cv, start, end);
        for (int p = 0; p < packed.length; p++) {
            ci[start + p] = (int) (packed[p] >>> 32);
            cv[start + p] = vals[(int) packed[p]];
        }
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of stored entries. */
    public int nonZeros() {
        return indices.length;
    }

    /** First position of row {@code i} in {@link #indexAt} / {@link #valueAt}. */
    public int rowStart(int i) {
        return indptr[i];
    }

    /** One past the last position of row {@code i}. */
    public int rowEnd(int i) {
        return indptr[i + 1];
    }

    /** Column of the stored entry at position {@code p}. */
    public int indexAt(int p) {
        return indices[p];
    }

    /** Value of the stored entry at position {@code p}. */
    public float valueAt(int p) {
        return values[p];
    }

    /** A copy of the row pointers. */
    public int[] indptr() {
        return indptr.clone();
    }

    /** A copy of the column indices of the stored entries. */
    public int[] indices() {
        return indices.clone();
    }

    /** A copy of the stored values. */
    public float[] values() {
        return values.clone();
    }

    /** Entry (i, j), zero where nothing is stored. O(log row length). */
    public float get(int i, int j) {
        int p = Arrays.binarySearch(indices, indptr[i], indptr[i + 1], j);
        return p >= 0 ? values[p] : 0f;
    }

    /** Sum of all stored values, accumulated in double. */
    public double sum() {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }

    /** The transpose, in O(nnz + cols). */
    public CsrMatrix transpose() {
        int[] count = new int[cols + 1];
        for (int c : indices) {
            count[c + 1]++;
        }
        for (int j = 0; j < cols; j++) {
            count[j + 1] += count[j];
        }
        int[] next = Arrays.copyOf(count, cols);
        int[] ti = new int[indices.length];
        float[] tv = new float[values.length];
        for (int i = 0; i < rows; i++) {
            for (int p = indptr[i]; p < indptr[i + 1]; p++) {
                int dst = next[indices[p]]++;
                ti[dst] = i;
                tv[dst] = values[p];
            }
        }
        return new CsrMatrix(cols, rows, count, ti, tv);
    }

    /** This matrix plus {@code other} (same shape), merging the sorted rows in O(nnz). */
    public CsrMatrix plus(CsrMatrix other) {
        InvalidParameterException.require(other.rows == rows && other.cols == cols, "other",
                "a " + rows + " × " + cols + " matrix", other.rows + " × " + other.cols);
        int[] ptr = new int[rows + 1];
        int[] idx = new int[indices.length + other.indices.length];
        float[] val = new float[idx.length];
        int w = 0;
        for (int i = 0; i < rows; i++) {
            int a = indptr[i];
            int b = other.indptr[i];
            int ae = indptr[i + 1];
            int be = other.indptr[i + 1];
            while (a < ae || b < be) {
                int ca = a < ae ? indices[a] : Integer.MAX_VALUE;
                int cb = b < be ? other.indices[b] : Integer.MAX_VALUE;
                if (ca == cb) {
                    idx[w] = ca;
                    val[w++] = values[a++] + other.values[b++];
                } else if (ca < cb) {
                    idx[w] = ca;
                    val[w++] = values[a++];
                } else {
                    idx[w] = cb;
                    val[w++] = other.values[b++];
                }
            }
            ptr[i + 1] = w;
        }
        return new CsrMatrix(rows, cols, ptr, Arrays.copyOf(idx, w), Arrays.copyOf(val, w));
    }

    /** Every value multiplied by {@code factor}. */
    public CsrMatrix scaled(double factor) {
        float[] v = new float[values.length];
        for (int p = 0; p < v.length; p++) {
            v[p] = (float) (values[p] * factor);
        }
        return new CsrMatrix(rows, cols, indptr, indices, v);
    }

    /** True when square and equal to its transpose, values compared exactly. */
    public boolean isSymmetric() {
        return rows == cols && equals(transpose());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsrMatrix m && m.rows == rows && m.cols == cols
                && Arrays.equals(m.indptr, indptr) && Arrays.equals(m.indices, indices)
                && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "CsrMatrix[" + rows + " × " + cols + ", nnz=" + indices.length + "]";
    }
}
