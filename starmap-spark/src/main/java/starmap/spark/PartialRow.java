/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import java.io.Serializable;

/**
 * Part of an item's row of the co-occurrence matrix: the sums one batch of collections gives, in double,
 * and how many of the batch's collections hold the item (a collection is never split across batches).
 */
final class PartialRow implements Serializable {
    private static final long serialVersionUID = 1L;

    int[] columns;
    double[] sums;
    int collections;

    PartialRow() {
    }

    PartialRow(int[] columns, double[] sums, int collections) {
        this.columns = columns;
        this.sums = sums;
        this.collections = collections;
    }
}
