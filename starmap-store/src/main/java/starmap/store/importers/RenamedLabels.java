/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import starmap.store.ColumnType;

/** A one-column table read as labels: its column is called "label" whatever its header says. */
final class RenamedLabels implements SourceReader {
    private final SourceReader inner;
    private final String original;

    RenamedLabels(SourceReader inner) {
        this.inner = inner;
        this.original = inner.schema().columns().getFirst().name();
    }

    @Override
    public Path path() {
        return inner.path();
    }

    @Override
    public SourceFormat format() {
        return inner.format();
    }

    @Override
    public PartSchema schema() {
        PartSchema s = inner.schema();
        return PartSchema.labels(s.rows(), s.columns().getFirst().type());
    }

    @Override
    public void widen(Map<String, ColumnType> types) {
        if (types.containsKey("label")) {
            inner.widen(Map.of(original, types.get("label")));
        }
    }

    @Override
    public int read(Batch batch, int max) throws IOException {
        return inner.read(batch, max);
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
