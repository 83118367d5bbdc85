/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import starmap.core.InvalidInputException;
import starmap.store.ColumnType;

/**
 * The files of one role (sources, metadata or labels) read one after another as a single stream of
 * rows. All files must agree on the vector dimension, the image shape and the column names; column
 * types are widened to fit every file.
 */
final class Part implements AutoCloseable {
    final Readers.Role role;
    final List<SourceReader> readers;
    final PartSchema schema;
    final long[] firstRows;
    Batch batch;
    private int[] readerOfRow;
    private int current;

    private Part(Readers.Role role, List<SourceReader> readers, PartSchema schema) {
        this.role = role;
        this.readers = readers;
        this.schema = schema;
        this.firstRows = new long[readers.size()];
        long first = 0;
        for (int i = 0; i < readers.size(); i++) {
            firstRows[i] = first;
            first += readers.get(i).schema().rows();
        }
    }

    static Part open(List<Path> files, Optional<SourceFormat> format, Readers.Role role, TableOptions opts)
            throws IOException {
        List<SourceReader> readers = new ArrayList<>();
        try {
            for (Path f : files) {
                readers.add(Readers.open(f, format, role, opts));
            }
            return new Part(role, readers, unify(readers));
        } catch (IOException | RuntimeException e) {
            for (SourceReader r : readers) {
                try {
                    r.close();
                } catch (IOException ignored) {
                    // the first failure is reported
                }
            }
            throw e;
        }
    }

    private static PartSchema unify(List<SourceReader> readers) {
        SourceReader first = readers.getFirst();
        PartSchema s0 = first.schema();
        List<String> names = s0.columns().stream().map(SourceColumn::name).toList();
        Map<String, ColumnType> types = new LinkedHashMap<>();
        Map<String, Boolean> images = new HashMap<>();
        long rows = 0;
        for (SourceReader r : readers) {
            PartSchema s = r.schema();
            String file = r.path().toString();
            if (s.vectorDim() != s0.vectorDim()) {
                throw InvalidInputException.in(file).problem("holds vectors of dimension " + s.vectorDim() + ", but "
                        + first.path() + " holds dimension " + s0.vectorDim() + "; all files of an import must agree");
            }
            if (!s.image().equals(s0.image())) {
                throw InvalidInputException.in(file).problem("holds images of another shape than " + first.path());
            }
            List<String> these = s.columns().stream().map(SourceColumn::name).toList();
            if (!these.equals(names)) {
                throw InvalidInputException.in(file).problem("has columns " + these + ", but " + first.path()
                        + " has " + names + "; all files of an import need the same columns in the same order");
            }
            for (SourceColumn c : s.columns()) {
                types.merge(c.name(), c.type(), ColumnType::widen);
                images.merge(c.name(), c.imagePaths(), Boolean::logicalAnd);
            }
            rows += s.rows();
        }
        for (SourceReader r : readers) {
            r.widen(types);
            for (SourceColumn c : r.schema().columns()) {
                if (c.type() != types.get(c.name())) {
                    throw InvalidInputException.in(r.path().toString()).column(c.name()).problem("has type " + c.type()
                            + " but other files of the import have " + types.get(c.name()));
                }
            }
        }
        List<SourceColumn> cols = new ArrayList<>();
        for (String n : names) {
            cols.add(new SourceColumn(n, types.get(n), images.get(n)));
        }
        return new PartSchema(rows, s0.vectorDim(), cols, s0.image());
    }

    /** Allocates this part's batch. */
    void allocate(int capacity) {
        batch = new Batch(capacity, schema);
        readerOfRow = new int[capacity];
    }

    /** Reads up to {@code max} rows into a cleared {@link #batch}; fewer only at the end of the last file. */
    int read(int max) throws IOException {
        batch.clear();
        while (batch.size < max && current < readers.size()) {
            int want = max - batch.size;
            int from = batch.size;
            int got = readers.get(current).read(batch, want);
            for (int i = from; i < from + got; i++) {
                readerOfRow[i] = current;
            }
            if (got < want) {
                current++;
            }
        }
        return batch.size;
    }

    /** The file row {@code i} of the current batch came from. */
    SourceReader readerOf(int i) {
        return readers.get(readerOfRow[i]);
    }

    /** The file and 1-based row within it of row {@code partRow} (0-based) of this part. */
    Location locate(long partRow) {
        for (int i = readers.size() - 1; i >= 0; i--) {
            if (partRow >= firstRows[i]) {
                return new Location(readers.get(i).path().toString(), partRow - firstRows[i] + 1);
            }
        }
        throw new IndexOutOfBoundsException(partRow);
    }

    /** A row of a file. */
    record Location(String file, long row) {
        @Override
        public String toString() {
            return file + " row " + row;
        }
    }

    /** A short name for messages: the file, or "N files". */
    String describe() {
        return readers.size() == 1 ? readers.getFirst().path().toString() : readers.size() + " files ("
                + readers.getFirst().path().getFileName() + " …)";
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (SourceReader r : readers) {
            try {
                r.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
