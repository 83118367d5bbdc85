/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.mde;

import starmap.core.InvalidInputException;
import starmap.core.InvalidParameterException;
import starmap.core.sparse.CsrMatrix;

/** Checks on the attractive weights an embedding is made from, and what they hold. */
final class Weights {
    /** Two weights of a symmetric pair may differ by this much, relatively (float rounding). */
    private static final double SYMMETRY_TOLERANCE = 1e-6;

    private Weights() {
    }

    /**
     * Throws unless {@code w} is a square matrix of at least two points, more than {@code dimensions}
     * of them, with no diagonal entry, finite non-negative weights, and equal weights for (i, j) and
     * (j, i). Errors name the first offending row (1-based) and the column (0-based) in it.
     */
    static void check(CsrMatrix w, int dimensions) {
        if (w.rows() != w.cols()) {
            throw InvalidInputException.in("weights").problem("matrix is " + w.rows() + " × " + w.cols()
                    + ", expected square");
        }
        int n = w.rows();
        InvalidParameterException.require(n >= 2, "points", ">= 2 for a layout", n);
        InvalidParameterException.require(dimensions < n, "dimensions", "< the number of points " + n, dimensions);
        for (int i = 0; i < n; i++) {
            for (int q = w.rowStart(i); q < w.rowEnd(i); q++) {
                int j = w.indexAt(q);
                float v = w.valueAt(q);
                if (j == i) {
                    throw InvalidInputException.in("weights").row(i + 1L).problem("has a diagonal entry "
                            + "(a self-edge), column " + j);
                }
                if (!(v >= 0) || Float.isInfinite(v)) {
                    throw InvalidInputException.in("weights").row(i + 1L).problem("weight " + v + " in column " + j
                            + "; weights must be finite and >= 0");
                }
                float back = w.get(j, i);
                if (Math.abs(v - back) > SYMMETRY_TOLERANCE * Math.max(v, back)) {
                    throw InvalidInputException.in("weights").row(i + 1L).problem("weight " + v + " in column " + j
                            + " but " + back + " from " + j + " back to " + i + "; weights must be symmetric");
                }
            }
        }
    }

    /** The pairs i &lt; j with a positive weight: the attractive edges. */
    static long attractiveEdges(CsrMatrix w) {
        long count = 0;
        for (int i = 0; i < w.rows(); i++) {
            for (int q = w.rowStart(i); q < w.rowEnd(i); q++) {
                count += w.indexAt(q) > i && w.valueAt(q) > 0 ? 1 : 0;
            }
        }
        return count;
    }

    /** The pairs i &lt; j with no stored entry, which repulsive edges are drawn from. */
    static long nonEdges(CsrMatrix w) {
        long stored = 0;
        for (int i = 0; i < w.rows(); i++) {
            for (int q = w.rowStart(i); q < w.rowEnd(i); q++) {
                stored += w.indexAt(q) > i ? 1 : 0;
            }
        }
        long n = w.rows();
        return n * (n - 1) / 2 - stored;
    }
}
