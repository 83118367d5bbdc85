/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.exporters;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param files   the files, main one first
 * @param rows    points written
 * @param columns column names of the table written (the CSV/Parquet file, or the NPY sidecar)
 */
public record ExportReport(List<Path> files, long rows, List<String> columns) {
    public ExportReport {
        files = List.copyOf(files);
        columns = List.copyOf(columns);
    }
}
