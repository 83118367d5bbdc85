/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.util.List;
import java.util.Optional;

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

    boolean hasVectors() {
        return vectorDim > 0;
    }
}
