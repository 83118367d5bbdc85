/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne;

import java.util.Arrays;
import starmap.core.layout.Bounds;
import starmap.core.parallel.Parallel;
import starmap.core.simd.SparseRows;

/**
 * Renumbering points along a Morton (Z-order) curve of their current positions, so that points near
 * each other in the layout — and, once the layout reflects the data, neighbours in P — sit near each
 * other in memory. Used by {@link TsneRun} for inputs too large for their positions to stay in cache.
 * Deterministic: ties in the curve are broken by index.
 */
final class MortonOrder {
    /** Keys hold the index in their low 24 bits and the curve position in the 39 above (sign bit clear). */
    static final int MAX_POINTS = 1 << 24;

    private MortonOrder() {
    }

    /** {@code perm[k]} = the current index of the point that should move to position k. */
    static int[] of(double[] y, int dim, Parallel par) {
        int n = y.length / dim;
        int bits = 39 / dim;
        Bounds range = Bounds.of(y, dim);
        double[] lo = range.lo();
        double[] hi = range.hi();
        long cells = (1L << bits) - 1;
        long[] keys = new long[n];
        par.forRange(n, 8192, (s, e) -> {
            for (int i = s; i < e; i++) {
                long code = 0;
                for (int a = 0; a < dim; a++) {
                    double span = Math.max(hi[a] - lo[a], 1e-300);
                    long c = Math.min(cells, (long) ((y[i * dim + a] - lo[a]) / span * cells));
                    for (int b = 0; b < bits; b++) {
                        code |= ((c >>> b) & 1L) << (b * dim + a);
                    }
                }
                keys[i] = code << 24 | i;
            }
        });
        Arrays.parallelSort(keys);
        int[] perm = new int[n];
        for (int k = 0; k < n; k++) {
            perm[k] = (int) (keys[k] & 0xFFFFFF);
        }
        return perm;
    }

    /** Reorders rows of a row-major array in place: new row k = old row perm[k]; {@code scratch} as long. */
    static void permute(double[] a, int dim, int[] perm, double[] scratch) {
        for (int k = 0; k < perm.length; k++) {
            System.arraycopy(a, perm[k] * dim, scratch, k * dim, dim);
        }
        System.arraycopy(scratch, 0, a, 0, perm.length * dim);
    }

    /** The same reordering applied to P's rows and, through the inverse, to its column indices. */
    static SparseRows permute(SparseRows rows, int dim, int[] perm) {
        int n = perm.length;
        int[] inverse = new int[n];
        for (int k = 0; k < n; k++) {
            inverse[perm[k]] = k;
        }
        int[] ptr = new int[n + 1];
        for (int k = 0; k < n; k++) {
            int old = perm[k];
            ptr[k + 1] = ptr[k] + rows.ptr()[old + 1] - rows.ptr()[old];
        }
        int[] cols = new int[rows.columns().length];
        float[] vals = new float[rows.values().length];
        for (int k = 0; k < n; k++) {
            int old = perm[k];
            int from = rows.ptr()[old];
            int len = rows.ptr()[old + 1] - from;
            for (int q = 0; q < len; q++) {
                cols[ptr[k] + q] = inverse[rows.columns()[from + q] / dim] * dim;
                vals[ptr[k] + q] = rows.values()[from + q];
            }
        }
        return new SparseRows(ptr, cols, vals);
    }
}
