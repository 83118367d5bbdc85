/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import starmap.core.InvalidInputException;
import starmap.store.ColumnType;

/**
 * Reads CSV or TSV in two streaming passes: the first checks the structure (header, field counts,
 * UTF-8), counts rows and infers column types; the second converts. The vector is either one column of
 * whole vectors ({@code "[0.1, 0.2]"} or {@code "0.1 0.2"}) or several numeric columns.
 */
final class CsvReader implements SourceReader {
    private final Path path;
    private final SourceFormat format;
    private final char delimiter;
    private final boolean header;
    private final List<String> names;
    private final VectorSelection vectors;
    private final int[] metaIndex;
    private PartSchema schema;
    private CsvTokenizer tokenizer;

    private CsvReader(Path path, SourceFormat format, boolean header, List<String> names,
            VectorSelection vectors, int[] metaIndex, PartSchema schema) {
        this.path = path;
        this.format = format;
        this.delimiter = format == SourceFormat.TSV ? '\t' : ',';
        this.header = header;
        this.names = names;
        this.vectors = vectors;
        this.metaIndex = metaIndex;
        this.schema = schema;
    }

    static CsvReader open(Path path, SourceFormat format, TableOptions opts) throws IOException {
        String file = path.toString();
        char delimiter = format == SourceFormat.TSV ? '\t' : ',';
        if (Files.size(path) == 0) {
            throw InvalidInputException.in(file).problem("is empty");
        }
        try (CsvTokenizer tok = new CsvTokenizer(new LineSource(path), file, delimiter)) {
            List<String> first = tok.next();
            if (first == null) {
                throw InvalidInputException.in(file).problem("is empty (only blank lines)");
            }
            List<String> names = opts.header() ? header(file, first) : generated(first.size());
            int width = names.size();
            List<TypeGuess> guesses = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                guesses.add(new TypeGuess());
            }
            VectorSelection known = opts.vectorColumn().isPresent() || opts.vectorColumns().isPresent()
                    ? VectorSelection.resolve(file, names, opts, c -> false) : null;
            long rows = 0;
            int listDim = -1;
            List<String> rec = opts.header() ? tok.next() : first;
            while (rec != null) {
                if (rec.size() != width) {
                    throw InvalidInputException.in(file).line(tok.recordLine()).problem("has " + rec.size()
                            + " fields, expected " + width + (opts.header() ? " as in the header" : " as in line 1"));
                }
                for (int c = 0; c < width; c++) {
                    if (known == null || !known.contains(c)) {
                        guesses.get(c).observe(rec.get(c));
                    }
                }
                rows++;
                rec = tok.next();
            }
            if (rows == 0) {
                throw InvalidInputException.in(file).problem("has a header but no rows");
            }
            VectorSelection sel = known != null ? known
                    : VectorSelection.resolve(file, names, opts, c -> guesses.get(c).isNumberList());
            return build(path, format, opts.header(), names, guesses, sel, rows);
        }
    }

    private static CsvReader build(Path path, SourceFormat format, boolean header, List<String> names,
            List<TypeGuess> guesses, VectorSelection sel, long rows) throws IOException {
        List<SourceColumn> cols = new ArrayList<>();
        List<Integer> meta = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            if (!sel.contains(c)) {
                meta.add(c);
                cols.add(new SourceColumn(names.get(c), guesses.get(c).type(), guesses.get(c).isImagePaths()));
            }
        }
        int dim = sel.columns().length;
        if (sel.listColumn() >= 0) {
            dim = firstListLength(path, format, header, names, sel.listColumn());
        }
        PartSchema schema = new PartSchema(rows, dim, cols, Optional.empty());
        return new CsvReader(path, format, header, names, sel, meta.stream().mapToInt(Integer::intValue).toArray(), schema);
    }

    /** The length of the first non-empty vector cell, read by a short extra scan. */
    private static int firstListLength(Path path, SourceFormat format, boolean header, List<String> names,
            int col) throws IOException {
        String file = path.toString();
        char delimiter = format == SourceFormat.TSV ? '\t' : ',';
        try (CsvTokenizer tok = new CsvTokenizer(new LineSource(path), file, delimiter)) {
            if (header) {
                tok.next();
            }
            for (List<String> rec = tok.next(); rec != null; rec = tok.next()) {
                String[] parts = Cells.splitList(rec.get(col));
                if (parts != null) {
                    return parts.length;
                }
                throw InvalidInputException.in(file).line(tok.recordLine()).column(names.get(col))
                        .problem("vector is missing or not a list of numbers");
            }
        }
        throw InvalidInputException.in(file).problem("has no rows");
    }

    private static List<String> header(String file, List<String> first) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean allNumbers = true;
        for (int c = 0; c < first.size(); c++) {
            String name = first.get(c).strip();
            if (name.isEmpty()) {
                throw InvalidInputException.in(file).line(1).problem("header field " + (c + 1) + " is empty; every "
                        + "column needs a name (pass --no-header if the file has no header row)");
            }
            allNumbers &= Cells.isNumber(name);
            Integer prev = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), c);
            if (prev != null) {
                throw InvalidInputException.in(file).line(1).column(name).problem("appears twice in the header "
                        + "(fields " + (prev + 1) + " and " + (c + 1) + "; names are compared ignoring case)");
            }
            names.add(name);
        }
        if (allNumbers) {
            throw InvalidInputException.in(file).line(1).problem("looks like data, not a header (every field is a "
                    + "number); pass --no-header if the file has no header row");
        }
        return names;
    }

    private static List<String> generated(int width) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            names.add("column" + c);
        }
        return names;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public SourceFormat format() {
        return format;
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
        if (tokenizer == null) {
            tokenizer = new CsvTokenizer(new LineSource(path), path.toString(), delimiter);
            if (header) {
                tokenizer.next();
            }
        }
        String file = path.toString();
        int d = schema.vectorDim();
        int done = 0;
        while (done < max) {
            List<String> rec = tokenizer.next();
            if (rec == null) {
                break;
            }
            long line = tokenizer.recordLine();
            if (rec.size() != names.size()) {
                throw InvalidInputException.in(file).line(line).problem("has " + rec.size() + " fields, expected "
                        + names.size() + " (the file changed while it was read)");
            }
            int at = batch.size + done;
            for (int m = 0; m < metaIndex.length; m++) {
                int c = metaIndex[m];
                CellConverter.set(batch.columns[m], at, rec.get(c), file, line, names.get(c));
            }
            if (vectors.listColumn() >= 0) {
                readList(batch, at, rec.get(vectors.listColumn()), line, d);
            } else {
                int[] vc = vectors.columns();
                for (int j = 0; j < vc.length; j++) {
                    batch.vectors[at * d + j] = CellConverter.component(rec.get(vc[j]), file, line, names.get(vc[j]));
                }
            }
            done++;
        }
        batch.size += done;
        return done;
    }

    private void readList(Batch batch, int at, String cell, long line, int d) {
        String file = path.toString();
        String col = names.get(vectors.listColumn());
        String[] parts = Cells.splitList(cell == null ? "" : cell);
        if (parts == null) {
            throw InvalidInputException.in(file).line(line).column(col).problem("vector is missing");
        }
        if (parts.length != d) {
            throw InvalidInputException.in(file).line(line).column(col).problem("vector has " + parts.length
                    + " values, expected " + d + " (as in the first row)");
        }
        for (int j = 0; j < d; j++) {
            batch.vectors[at * d + j] = CellConverter.component(parts[j], file, line, col);
        }
    }

    @Override
    public void close() throws IOException {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
