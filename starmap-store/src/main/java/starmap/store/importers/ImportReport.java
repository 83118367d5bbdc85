/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import starmap.store.ColumnInfo;
import starmap.store.ImageInfo;

/**
 * What an import did.
 *
 * @param atlas     the atlas written
 * @param points    rows imported
 * @param vectorDim components per vector, 0 without vectors
 * @param columns   the columns of the points table
 * @param images    where images come from, if any
 * @param warnings  things the user should know that did not stop the import (e.g. missing image files)
 * @param elapsed   wall time
 */
public record ImportReport(Path atlas, long points, int vectorDim, List<ColumnInfo> columns, Optional<ImageInfo> images,
        List<String> warnings, Duration elapsed) {
    public ImportReport {
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
    }
}
