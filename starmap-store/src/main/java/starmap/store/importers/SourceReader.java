/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import starmap.store.ColumnType;

/**
 * Streams the rows of one file. {@link #schema()} is known once the reader is open (text formats have
 * made their first pass by then); {@link #read} converts the next rows.
 *
 * <p>Readers throw {@link starmap.core.InvalidInputException} naming the file, row or line and column
 * of the first bad value. Not thread-safe.
 */
interface SourceReader extends AutoCloseable {
    /** The file. */
    Path path();

    /** The format it is read as. */
    SourceFormat format();

    /** What the file holds. */
    PartSchema schema();

    /**
     * Makes later reads produce these column types, each a widening of the inferred one (used when
     * several files of one part disagree). Binary formats have nothing to widen.
     */
    default void widen(Map<String, ColumnType> types) {
    }

    /**
     * Appends up to {@code max} rows to {@code batch} (from {@code batch.size}) and returns how many;
     * fewer than {@code max} only at the end of the file.
     */
    int read(Batch batch, int max) throws IOException;

    @Override
    void close() throws IOException;
}
