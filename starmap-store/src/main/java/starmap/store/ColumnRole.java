/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store;

import java.util.Locale;

/** What a column of the points table means to Starmap. */
public enum ColumnRole {
    /** The point id chosen at import ({@code --id}, a column named "id", or the row number). */
    ID,
    /** The class label ({@code --labels}); the viewer colours by it and relabelling edits it. */
    LABEL,
    /** A path to the point's image, relative to the atlas's images root. */
    IMAGE_PATH,
    /** The file a row came from, when several sources were concatenated. */
    SOURCE_FILE,
    /** Anything else. */
    METADATA;

    /** The stored name, lower case. */
    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ColumnRole fromSql(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
