/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.node2vec;

import java.util.Arrays;
import starmap.core.InvalidInputException;
import starmap.core.sparse.CsrMatrix;

/** The checks node2vec's input graph must pass, each failure naming the first row at fault. */
final class Adjacency {
    private static final String SOURCE = "adjacency";

    private Adjacency() {
    }

    /**
     * Throws {@link InvalidInputException} unless {@code a} is square and symmetric, its weights are
     * finite and non-negative, and its diagonal is empty. Rows are reported 1-based, nodes 0-based.
     */
    static void check(CsrMatrix a) {
        if (a.rows() != a.cols()) {
            throw InvalidInputException.in(SOURCE).problem("must be square (one row and column per node), is "
                    + a.rows() + " × " + a.cols());
        }
        int[] columns = a.indices();
        for (int i = 0; i < a.rows(); i++) {
            for (int e = a.rowStart(i); e < a.rowEnd(i); e++) {
                int j = a.indexAt(e);
                float w = a.valueAt(e);
                if (j == i) {
                    throw at(i, "has a diagonal entry (a self-loop on node " + i + "); remove it");
                }
                if (!(w >= 0) || w == Float.POSITIVE_INFINITY) {
                    throw at(i, "weight of edge " + i + " → " + j + " must be finite and >= 0, got " + w);
                }
                int back = Arrays.binarySearch(columns, a.rowStart(j), a.rowEnd(j), i);
                if (back < 0 || a.valueAt(back) != w) {
                    throw at(i, "edge " + i + " → " + j + " weighs " + w + " but " + j + " → " + i + " "
                            + (back < 0 ? "is absent" : "weighs " + a.valueAt(back))
                            + "; the adjacency must be symmetric");
                }
            }
        }
    }

    private static InvalidInputException at(int row, String problem) {
        return InvalidInputException.in(SOURCE).row(row + 1L).problem(problem);
    }
}
