/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import starmap.core.InvalidInputException;
import starmap.store.ColumnType;

/**
 * Reads labels written one per line (UTF-8, optionally gzip-compressed). Every line is a label, in
 * order; an empty line is a missing label. Integers become a BIGINT column, anything else VARCHAR.
 */
final class TextLabelsReader implements SourceReader {
    private final Path path;
    private PartSchema schema;
    private LineSource lines;

    private TextLabelsReader(Path path, PartSchema schema) {
        this.path = path;
        this.schema = schema;
    }

    static TextLabelsReader open(Path path) throws IOException {
        if (Files.size(path) == 0) {
            throw InvalidInputException.in(path.toString()).problem("is empty");
        }
        TypeGuess guess = new TypeGuess();
        long rows = 0;
        try (LineSource src = new LineSource(path)) {
            for (String line = src.next(); line != null; line = src.next()) {
                guess.observe(line.strip());
                rows++;
            }
        }
        ColumnType t = guess.type() == ColumnType.BIGINT ? ColumnType.BIGINT : ColumnType.VARCHAR;
        return new TextLabelsReader(path, PartSchema.labels(rows, t));
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.TEXT;
    }

    @Override
    public PartSchema schema() {
        return schema;
    }

    @Override
    public void widen(Map<String, ColumnType> types) {
        schema = schema.widened(types);
    }

    @Override
    public int read(Batch batch, int max) throws IOException {
        if (lines == null) {
            lines = new LineSource(path);
        }
        int done = 0;
        while (done < max) {
            String line = lines.next();
            if (line == null) {
                break;
            }
            CellConverter.set(batch.columns[0], batch.size + done, line.strip(), path.toString(),
                    lines.lineNumber(), "label");
            done++;
        }
        batch.size += done;
        return done;
    }

    @Override
    public void close() throws IOException {
        if (lines != null) {
            lines.close();
        }
    }
}
