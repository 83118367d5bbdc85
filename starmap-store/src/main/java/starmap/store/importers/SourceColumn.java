/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import starmap.store.ColumnType;

/**
 * A metadata column as a source offers it.
 *
 * @param name        the name in the source
 * @param type        its type (inferred for text formats)
 * @param imagePaths  whether every non-null value looks like an image file name
 */
record SourceColumn(String name, ColumnType type, boolean imagePaths) {
    SourceColumn withType(ColumnType t) {
        return new SourceColumn(name, t, imagePaths);
    }
}
