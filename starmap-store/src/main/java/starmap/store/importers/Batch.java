/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.util.List;

/**
 * Up to {@link #capacity} rows of one source, columnar and reused between reads: {@link #vectors}
 * holds {@code size × dim} floats row-major; {@link #columns} follow the source schema's columns.
 */
final class Batch {
    final int capacity;
    final int dim;
    final float[] vectors;
    final ColumnData[] columns;
    int size;

    Batch(int capacity, PartSchema schema) {
        this.capacity = capacity;
        this.dim = schema.vectorDim();
        this.vectors = new float[Math.multiplyExact(capacity, Math.max(dim, 0))];
        List<SourceColumn> cols = schema.columns();
        this.columns = new ColumnData[cols.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = new ColumnData(cols.get(c).type(), capacity);
        }
    }

    /** Forgets the rows, keeping the arrays. */
    void clear() {
        size = 0;
    }
}
