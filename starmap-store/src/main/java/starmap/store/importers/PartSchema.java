/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import starmap.store.ColumnType;

/**
 * What a source file holds.
 *
 * @param rows       number of rows (known before reading, for every format)
 * @param vectorDim  components per vector, 0 when the source holds no vectors
 * @param columns    metadata columns, in source order
 * @param image      the pixel grid, when the vectors are images
 */
record PartSchema(long rows, int vectorDim, List<SourceColumn> columns, Optional<ImageShape> image) {
    PartSchema {
        columns = List.copyOf(columns);
    }

    static PartSchema vectors(long rows, int dim, Optional<ImageShape> image) {
        return new PartSchema(rows, dim, List.of(), image);
    }

    /** One column named "label" of type {@code type}. */
    static PartSchema labels(long rows, ColumnType type) {
        return new PartSchema(rows, 0, List.of(new SourceColumn("label", type, false)), Optional.empty());
    }

    /** This schema with column types replaced where {@code types} names them. */
    PartSchema widened(Map<String, ColumnType> types) {
        List<SourceColumn> cols = new ArrayList<>();
        for (SourceColumn c : columns) {
            cols.add(c.withType(types.getOrDefault(c.name(), c.type())));
        }
        return new PartSchema(rows, vectorDim, cols, image);
    }

    boolean hasVectors() {
        return vectorDim > 0;
    }
}
