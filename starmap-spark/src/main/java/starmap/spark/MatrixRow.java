/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import java.io.Serializable;

/**
 * An item's whole row of the co-occurrence matrix, as the single-machine builder stores it, and the number
 * of distinct collections that hold the item.
 */
final class MatrixRow implements Serializable {
    private static final long serialVersionUID = 1L;

    int item;
    int[] columns;
    float[] values;
    long collections;

    MatrixRow() {
    }

    MatrixRow(int item, int[] columns, float[] values, long collections) {
        this.item = item;
        this.columns = columns;
        this.values = values;
        this.collections = collections;
    }
}
