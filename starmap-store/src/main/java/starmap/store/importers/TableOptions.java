/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.util.Optional;

/**
 * How to read a table-shaped source (CSV, TSV, JSON Lines, Parquet).
 *
 * @param header         whether a CSV/TSV file starts with a header row
 * @param vectorColumn   the one column whose cells hold whole vectors ({@code --vector})
 * @param vectorColumns  a glob naming the columns that together form the vector ({@code --vector-columns})
 * @param vectorsAllowed false for metadata files: their columns are all metadata
 */
record TableOptions(boolean header, Optional<String> vectorColumn, Optional<String> vectorColumns,
        boolean vectorsAllowed) {

    /** Options for a metadata-only file. */
    TableOptions metadataOnly() {
        return new TableOptions(header, Optional.empty(), Optional.empty(), false);
    }
}
