/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.exporters;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code starmap export} was asked to write.
 *
 * @param atlas          the atlas to read
 * @param layout         the layout whose coordinates to include (columns x, y[, z] or c0 … c{d-1})
 * @param format         the file format
 * @param out            the file to write (for NPY also {@code <stem>.csv} beside it)
 * @param includeVectors whether to include the vectors (CSV: columns vector_0 …; Parquet: a list column;
 *                       NPY: the matrix, when no layout is chosen)
 * @param dropDeleted    whether to leave out points marked deleted
 * @param overwrite      whether an existing output file may be replaced
 * @param changedSince   only the points an annotation, undo or redo with a sequence number above this
 *                       touched (a diff against that point of the history); empty for every point
 */
public record ExportOptions(Path atlas, Optional<String> layout, ExportFormat format, Path out, boolean includeVectors,
        boolean dropDeleted, boolean overwrite, OptionalLong changedSince) {

    public ExportOptions(Path atlas, Optional<String> layout, ExportFormat format, Path out, boolean includeVectors,
            boolean dropDeleted, boolean overwrite) {
        this(atlas, layout, format, out, includeVectors, dropDeleted, overwrite, OptionalLong.empty());
    }
}
