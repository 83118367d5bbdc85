/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import starmap.core.InvalidInputException;
import starmap.store.ColumnRole;
import starmap.store.ColumnType;

/**
 * How the parts of an import become the points table: which column is the id, which part holds the
 * vectors, what every other column is called and means, and where images come from. Built and
 * checked before anything is written.
 */
final class RowPlan {
    /** Reserved column names of the points table. */
    static final List<String> RESERVED = List.of("row_idx", "vector");

    /**
     * An output column.
     *
     * @param part  the part it is read from, or null for the synthetic source_file column
     * @param index its index among that part's batch columns
     */
    record Out(String name, ColumnType type, ColumnRole role, String sourceName, Part part, int index) {
    }

    final long rows;
    final Optional<Out> id;
    final ColumnType idType;
    final int dim;
    final Part vectorPart;
    final List<Out> columns;
    final Optional<ImageShape> pixels;
    final Optional<Out> imageColumn;
    final Optional<Path> imageRoot;
    final List<String> labelNames;
    final List<String> notes;

    private RowPlan(Builder b) {
        rows = b.rows;
        id = b.id;
        idType = b.id.map(o -> o.type == ColumnType.BIGINT ? ColumnType.BIGINT : ColumnType.VARCHAR)
                .orElse(ColumnType.BIGINT);
        dim = b.vectorPart == null ? 0 : b.vectorPart.schema.vectorDim();
        vectorPart = b.vectorPart;
        columns = List.copyOf(b.columns);
        pixels = b.vectorPart == null ? Optional.empty() : b.vectorPart.schema.image();
        imageColumn = b.imageColumn;
        imageRoot = b.imageRoot;
        labelNames = b.labelNames;
        notes = b.notes;
    }

    static RowPlan of(Part main, List<Part> others, ImportOptions o) {
        Builder b = new Builder();
        b.rows = main.schema.rows();
        for (Part p : others) {
            if (p.schema.rows() != b.rows) {
                throw InvalidInputException.in(p.describe()).problem("has " + p.schema.rows() + " rows, but "
                        + main.describe() + " has " + b.rows + "; " + p.role.name().toLowerCase(Locale.ROOT)
                        + " files must line up row by row with the sources");
            }
        }
        b.vectorPart = main.schema.hasVectors() ? main : null;
        List<Out> candidates = new ArrayList<>();
        addColumns(candidates, main);
        for (Part p : others) {
            addColumns(candidates, p);
        }
        b.id = chooseId(candidates, o, main, others);
        b.id.ifPresent(id -> candidates.removeIf(c -> c.part == id.part && c.index == id.index));
        if (main.readers.size() > 1) {
            candidates.add(new Out("source_file", ColumnType.VARCHAR, ColumnRole.SOURCE_FILE, null, null, -1));
        }
        checkNames(candidates, b.id);
        b.labelNames = o.labelNames();
        b.columns.addAll(withLabelNames(candidates, o.labelNames()));
        chooseImages(b, o);
        return new RowPlan(b);
    }

    private static void addColumns(List<Out> out, Part p) {
        List<SourceColumn> cols = p.schema.columns();
        for (int i = 0; i < cols.size(); i++) {
            SourceColumn c = cols.get(i);
            ColumnRole role = p.role == Readers.Role.LABELS || c.name().equalsIgnoreCase("label")
                    ? ColumnRole.LABEL : ColumnRole.METADATA;
            out.add(new Out(c.name(), c.type(), role, c.name(), p, i));
        }
    }

    private static Optional<Out> chooseId(List<Out> cols, ImportOptions o, Part main, List<Part> others) {
        if (o.idColumn().isPresent()) {
            String want = o.idColumn().get();
            Optional<Out> hit = cols.stream().filter(c -> c.name.equals(want)).findFirst()
                    .or(() -> cols.stream().filter(c -> c.name.equalsIgnoreCase(want)).findFirst());
            if (hit.isEmpty()) {
                List<String> files = new ArrayList<>(List.of(main.describe()));
                others.forEach(p -> files.add(p.describe()));
                throw InvalidInputException.in("--id").problem("no column named '" + want + "' in "
                        + String.join(", ", files) + "; columns are: " + names(cols));
            }
            return hit.map(c -> new Out("id", c.type, ColumnRole.ID, c.name, c.part, c.index));
        }
        return cols.stream().filter(c -> c.name.equalsIgnoreCase("id")).findFirst()
                .map(c -> new Out("id", c.type, ColumnRole.ID, c.name, c.part, c.index));
    }

    private static void checkNames(List<Out> cols, Optional<Out> id) {
        Map<String, Out> seen = new HashMap<>();
        for (Out c : cols) {
            String key = c.name.toLowerCase(Locale.ROOT);
            if (RESERVED.contains(key) || key.equals("id")) {
                throw InvalidInputException.in(where(c)).column(c.name).problem("is a name Starmap reserves"
                        + (key.equals("id") ? " for the id column (the id comes from "
                        + id.map(i -> "column '" + i.sourceName + "'").orElse("row numbers")
                        + "); pass --id " + c.name + " if it holds the ids, or rename it"
                        : "; rename the column"));
            }
            Out prev = seen.putIfAbsent(key, c);
            if (prev != null) {
                throw InvalidInputException.in(where(c)).column(c.name).problem("also comes from " + where(prev)
                        + "; column names must be unique (ignoring case) across sources, --metadata and --labels");
            }
        }
    }

    private static String where(Out c) {
        return c.part == null ? "sources" : c.part.describe();
    }

    private static List<Out> withLabelNames(List<Out> cols, List<String> labelNames) {
        if (labelNames.isEmpty()) {
            return cols;
        }
        List<Out> out = new ArrayList<>();
        boolean found = false;
        for (Out c : cols) {
            if (c.role == ColumnRole.LABEL) {
                if (c.type != ColumnType.BIGINT) {
                    throw InvalidInputException.in("--label-names").problem("needs integer labels, but column '"
                            + c.name + "' holds " + c.type);
                }
                out.add(new Out(c.name, ColumnType.VARCHAR, c.role, c.sourceName, c.part, c.index));
                found = true;
            } else {
                out.add(c);
            }
        }
        if (!found) {
            throw InvalidInputException.in("--label-names").problem("given, but the import has no label column");
        }
        return out;
    }

    private static void chooseImages(Builder b, ImportOptions o) {
        Optional<Out> col;
        if (o.imageColumn().isPresent()) {
            String want = o.imageColumn().get();
            col = b.columns.stream().filter(c -> c.name.equals(want)).findFirst();
            if (col.isEmpty()) {
                throw InvalidInputException.in("--image").problem("no column named '" + want + "'; columns are: "
                        + names(b.columns));
            }
            if (col.get().type != ColumnType.VARCHAR) {
                throw InvalidInputException.in("--image").column(want).problem("holds " + col.get().type
                        + "; image paths are text");
            }
        } else {
            List<Out> hits = b.columns.stream().filter(c -> c.part != null && c.type == ColumnType.VARCHAR
                    && c.part.schema.columns().get(c.index).imagePaths()).toList();
            col = hits.stream().findFirst();
            if (hits.size() > 1) {
                b.notes.add("several columns hold image paths (" + names(hits) + "); using '" + hits.getFirst().name
                        + "' (choose with --image)");
            }
        }
        b.imageColumn = col.map(c -> new Out(c.name, c.type, ColumnRole.IMAGE_PATH, c.sourceName, c.part, c.index));
        if (b.imageColumn.isPresent()) {
            b.columns.replaceAll(c -> c.name.equals(col.get().name) ? b.imageColumn.get() : c);
            Path root = o.imagesRoot().orElseGet(() -> {
                Path parent = col.get().part.readers.getFirst().path().toAbsolutePath().getParent();
                return parent == null ? Path.of("/") : parent;
            });
            b.imageRoot = Optional.of(root.toAbsolutePath().normalize());
        } else if (o.imagesRoot().isPresent()) {
            throw InvalidInputException.in("--images-root").problem("given, but no column holds image paths "
                    + "(name one with --image)");
        }
    }

    private static String names(List<Out> cols) {
        return String.join(", ", cols.stream().map(Out::name).toList());
    }

    private static final class Builder {
        long rows;
        Optional<Out> id = Optional.empty();
        Part vectorPart;
        final List<Out> columns = new ArrayList<>();
        Optional<Out> imageColumn = Optional.empty();
        Optional<Path> imageRoot = Optional.empty();
        List<String> labelNames = List.of();
        final List<String> notes = new ArrayList<>();
    }
}
