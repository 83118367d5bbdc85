/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import starmap.core.InvalidInputException;
import starmap.store.ColumnType;

/**
 * Reads JSON Lines (one object per line) in two streaming passes, like {@link CsvReader}. Keys become
 * columns in the order first seen; a key missing from a line is null there. Arrays of numbers are
 * vectors; other arrays and nested objects are kept as JSON text.
 */
final class JsonlReader implements SourceReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path path;
    private final List<String> names;
    private final VectorSelection vectors;
    private final int[] metaIndex;
    private PartSchema schema;
    private LineSource lines;

    private JsonlReader(Path path, List<String> names, VectorSelection vectors, int[] metaIndex, PartSchema schema) {
        this.path = path;
        this.names = names;
        this.vectors = vectors;
        this.metaIndex = metaIndex;
        this.schema = schema;
    }

    static JsonlReader open(Path path, TableOptions opts) throws IOException {
        String file = path.toString();
        if (Files.size(path) == 0) {
            throw InvalidInputException.in(file).problem("is empty");
        }
        Map<String, TypeGuess> guesses = new LinkedHashMap<>();
        Map<String, Integer> listDims = new LinkedHashMap<>();
        long rows = 0;
        try (LineSource lines = new LineSource(path)) {
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode obj = parse(file, lines.lineNumber(), line);
                for (Map.Entry<String, JsonNode> e : obj.properties()) {
                    TypeGuess g = guesses.computeIfAbsent(e.getKey(), k -> new TypeGuess());
                    observe(g, e.getValue());
                    if (isNumberArray(e.getValue())) {
                        listDims.putIfAbsent(e.getKey(), e.getValue().size());
                    }
                }
                rows++;
            }
        }
        if (rows == 0) {
            throw InvalidInputException.in(file).problem("holds no JSON objects");
        }
        List<String> names = new ArrayList<>(guesses.keySet());
        VectorSelection sel = VectorSelection.resolve(file, names, opts,
                c -> guesses.get(names.get(c)).isNumberList());
        List<SourceColumn> cols = new ArrayList<>();
        List<Integer> meta = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            if (!sel.contains(c)) {
                TypeGuess g = guesses.get(names.get(c));
                meta.add(c);
                cols.add(new SourceColumn(names.get(c), g.type(), g.isImagePaths()));
            }
        }
        int dim = sel.listColumn() >= 0 ? listDims.getOrDefault(names.get(sel.listColumn()), 0) : sel.columns().length;
        if (sel.listColumn() >= 0 && dim == 0) {
            throw InvalidInputException.in(file).column(names.get(sel.listColumn()))
                    .problem("--vector names a key that never holds an array of numbers");
        }
        PartSchema schema = new PartSchema(rows, dim, cols, Optional.empty());
        return new JsonlReader(path, names, sel, meta.stream().mapToInt(Integer::intValue).toArray(), schema);
    }

    private static JsonNode parse(String file, long line, String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw InvalidInputException.in(file).line(line).cause(e).problem("is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw InvalidInputException.in(file).line(line).problem("is not a JSON object");
        }
        return node;
    }

    private static boolean isNumberArray(JsonNode v) {
        if (!v.isArray() || v.isEmpty()) {
            return false;
        }
        for (JsonNode x : v) {
            if (!x.isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static void observe(TypeGuess g, JsonNode v) {
        if (v.isNull()) {
            return;
        }
        if (v.isBoolean()) {
            g.observeTyped(ColumnType.BOOLEAN);
        } else if (v.isIntegralNumber() && v.canConvertToLong()) {
            g.observeTyped(ColumnType.BIGINT);
        } else if (v.isNumber()) {
            g.observeTyped(ColumnType.DOUBLE);
        } else if (v.isTextual()) {
            g.observe(v.asText());
        } else if (isNumberArray(v)) {
            g.observeNumberArray();
        } else {
            g.observeTyped(ColumnType.VARCHAR);
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.JSONL;
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
        String file = path.toString();
        int done = 0;
        while (done < max) {
            String text = lines.next();
            if (text == null) {
                break;
            }
            if (text.isBlank()) {
                continue;
            }
            long line = lines.lineNumber();
            JsonNode obj = parse(file, line, text);
            int at = batch.size + done;
            for (int m = 0; m < metaIndex.length; m++) {
                String name = names.get(metaIndex[m]);
                setCell(batch.columns[m], at, obj.get(name), file, line, name);
            }
            readVector(batch, at, obj, line);
            done++;
        }
        batch.size += done;
        return done;
    }

    private static void setCell(ColumnData col, int at, JsonNode v, String file, long line, String name) {
        if (v == null || v.isNull()) {
            col.setNull(at);
        } else if (col.type == ColumnType.VARCHAR) {
            col.setString(at, v.isTextual() ? v.asText() : v.toString());
        } else if (col.type == ColumnType.BOOLEAN && v.isBoolean()) {
            col.setBoolean(at, v.asBoolean());
        } else if (col.type == ColumnType.BIGINT && v.isIntegralNumber()) {
            col.setLong(at, v.asLong());
        } else if (col.type == ColumnType.DOUBLE && v.isNumber()) {
            col.setDouble(at, v.asDouble());
        } else {
            CellConverter.set(col, at, v.isTextual() ? v.asText() : v.toString(), file, line, name);
        }
    }

    private void readVector(Batch batch, int at, JsonNode obj, long line) {
        int d = schema.vectorDim();
        String file = path.toString();
        if (vectors.listColumn() >= 0) {
            String name = names.get(vectors.listColumn());
            JsonNode arr = obj.get(name);
            if (arr == null || !arr.isArray()) {
                throw InvalidInputException.in(file).line(line).column(name).problem("vector is missing");
            }
            if (arr.size() != d) {
                throw InvalidInputException.in(file).line(line).column(name).problem("vector has " + arr.size()
                        + " values, expected " + d + " (as in the first object)");
            }
            for (int j = 0; j < d; j++) {
                JsonNode x = arr.get(j);
                if (!x.isNumber()) {
                    throw InvalidInputException.in(file).line(line).column(name)
                            .problem("vector value " + j + " is " + x + ", not a number");
                }
                batch.vectors[at * d + j] = VectorValues.toFloat(x.asDouble(), file, "line", line,
                        VectorValues.component(j));
            }
            return;
        }
        int[] vc = vectors.columns();
        for (int j = 0; j < vc.length; j++) {
            String name = names.get(vc[j]);
            JsonNode x = obj.get(name);
            if (x == null || !x.isNumber()) {
                throw InvalidInputException.in(file).line(line).column(name).problem(x == null || x.isNull()
                        ? "vector value is missing" : "vector value " + x + " is not a number");
            }
            batch.vectors[at * d + j] = VectorValues.toFloat(x.asDouble(), file, "line", line, name);
        }
    }

    @Override
    public void close() throws IOException {
        if (lines != null) {
            lines.close();
        }
    }
}
