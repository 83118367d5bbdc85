/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import java.io.Serializable;

/**
 * An item's strongest edges (nearest first) with their co-occurrence values, the non-zeros of its whole
 * row, and the distinct collections that hold it.
 */
final class ItemEdges implements Serializable {
    private static final long serialVersionUID = 1L;

    int item;
    int[] columns;
    float[] distances;
    float[] values;
    int nonZeros;
    long collections;

    ItemEdges() {
    }

    ItemEdges(int item, int[] columns, float[] distances, float[] values, int nonZeros, long collections) {
        this.item = item;
        this.columns = columns;
        this.distances = distances;
        this.values = values;
        this.nonZeros = nonZeros;
        this.collections = collections;
    }
}
