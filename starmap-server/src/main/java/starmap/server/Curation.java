/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import starmap.core.InvalidParameterException;
import starmap.core.StarmapException;
import starmap.core.progress.Progress;
import starmap.store.Atlas;
import starmap.store.ColumnInfo;
import starmap.store.ColumnRole;
import starmap.store.Sql;
import starmap.store.annotations.Annotation;
import starmap.store.annotations.AnnotationAction;
import starmap.store.annotations.AnnotationLog;
import starmap.store.exporters.ExportFormat;
import starmap.store.exporters.ExportOptions;
import starmap.store.exporters.Exporter;

/**
 * What the cleaning workflow asks of one atlas: selections (by a screen polygon, structured filters,
 * ids, rows or a point's neighbourhood) answered as bitsets; annotations appended to the atlas's log,
 * undone and redone; the current edits; exports. Every database access holds the atlas service's lock.
 */
final class Curation {
    /** Most conditions one filter may have. */
    static final int MAX_CONDITIONS = 32;

    private final AtlasService service;
    /** Layout coordinates exactly as the viewer decodes them (float32 of the dequantised uint16), 3 per point. */
    private final Map<String, float[]> drawn = new ConcurrentHashMap<>();

    Curation(AtlasService service) {
        this.service = service;
    }

    private int n() {
        return service.points();
    }

    // ---- selections ------------------------------------------------------------------------------

    /**
     * The points of a layout whose projection by {@code matrix} (a 4 × 4 view-projection matrix in
     * column-major order, as WebGL takes it) lies inside {@code polygon} (normalised device
     * coordinates, x and y in [-1, 1]) and within the depth range. The arithmetic is the viewer's, on
     * the coordinates the viewer draws, so a lasso in the browser and this answer agree exactly.
     */
    BitSet polygon(String layout, double[] m, double[] xs, double[] ys) {
        if (m.length != 16) {
            throw ApiException.badRequest("matrix", "16 numbers (column-major 4 × 4)", m.length + " numbers");
        }
        if (xs.length < 3) {
            throw ApiException.badRequest("polygon", "at least 3 points", xs.length + " points");
        }
        float[] p = drawn(layout);
        BitSet out = new BitSet(n());
        for (int i = 0; i < n(); i++) {
            double px = p[3 * i];
            double py = p[3 * i + 1];
            double pz = p[3 * i + 2];
            double cw = m[3] * px + m[7] * py + m[11] * pz + m[15];
            double x = (m[0] * px + m[4] * py + m[8] * pz + m[12]) / cw;
            double y = (m[1] * px + m[5] * py + m[9] * pz + m[13]) / cw;
            double z = (m[2] * px + m[6] * py + m[10] * pz + m[14]) / cw;
            if (z >= -1 && z <= 1 && inside(x, y, xs, ys)) {
                out.set(i);
            }
        }
        return out;
    }

    /** Even-odd rule, the same test the viewer runs. */
    static boolean inside(double x, double y, double[] xs, double[] ys) {
        boolean in = false;
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if ((ys[i] > y) != (ys[j] > y) && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                in = !in;
            }
        }
        return in;
    }

    private float[] drawn(String layout) {
        return drawn.computeIfAbsent(layout, l -> {
            Blob b = service.positions(l, "u16");
            int dim = Integer.parseInt(b.headers().get("X-Starmap-Dimension"));
            double[] bounds;
            try {
                bounds = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                        b.headers().get("X-Starmap-Bounds"), double[].class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ByteBuffer q = ByteBuffer.wrap(b.raw()).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[n() * 3];
            for (int i = 0; i < n(); i++) {
                for (int a = 0; a < dim; a++) {
                    double lo = bounds[2 * a];
                    double span = bounds[2 * a + 1] - lo;
                    out[3 * i + a] = (float) (lo + ((q.getShort() & 0xFFFF) / 65535.0) * span);
                }
            }
            return out;
        });
    }

    /**
     * The points matching every condition of a filter: {@code {"column": C, "min": a, "max": b}},
     * {@code {"column": C, "in": [...]}}, {@code {"column": C, "contains": "text"}},
     * {@code {"column": C, "missing": true}}, and on the annotation state {@code {"state": "label",
     * "in": [...]}} (the current label), {@code {"state": "tag", "in": [...]}}, {@code {"state":
     * "deleted", "is": true}}. Any condition may carry {@code "not": true}. Values are parameters of a
     * prepared statement, never SQL text.
     */
    BitSet filter(JsonNode conditions) {
        if (conditions == null || !conditions.isArray() || conditions.isEmpty()) {
            throw new ApiException(400, "parameter 'filter' must be a non-empty list of conditions");
        }
        if (conditions.size() > MAX_CONDITIONS) {
            throw ApiException.badRequest("filter", "at most " + MAX_CONDITIONS + " conditions",
                    conditions.size() + " conditions");
        }
        return service.withAtlas(atlas -> {
            List<Object> params = new ArrayList<>();
            List<String> where = new ArrayList<>();
            for (JsonNode c : conditions) {
                String sql = condition(atlas, c, params);
                where.add(c.path("not").asBoolean(false) ? "NOT coalesce(" + sql + ", false)" : sql);
            }
            // a bitset of 32-bit words comes back in n/32 rows, not n
            String q = "SELECT row_idx // 32, bit_or(1::BIGINT << (row_idx % 32)) FROM points p "
                    + "LEFT JOIN annotation_state s USING (row_idx) WHERE " + String.join(" AND ", where)
                    + " GROUP BY 1";
            BitSet out = new BitSet(n());
            try (PreparedStatement ps = atlas.connection().prepareStatement(q)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long word = rs.getLong(2);
                        int base = rs.getInt(1) * 32;
                        for (long w = word; w != 0; w &= w - 1) {
                            out.set(base + Long.numberOfTrailingZeros(w));
                        }
                    }
                }
            } catch (SQLException e) {
                throw new ApiException(400, "the filter cannot be evaluated: " + String.valueOf(e.getMessage()).lines().findFirst()
                        .orElse(""));
            }
            return out;
        });
    }

    private static String condition(Atlas atlas, JsonNode c, List<Object> params) {
        if (c.has("state")) {
            String state = c.path("state").asText();
            return switch (state) {
                case "deleted" -> {
                    params.add(c.path("is").asBoolean(true));
                    yield "coalesce(s.deleted, false) = ?";
                }
                case "label" -> {
                    String original = atlas.column(ColumnRole.LABEL)
                            .map(l -> "CAST(p." + Sql.ident(l.name()) + " AS VARCHAR)").orElse("NULL");
                    yield "coalesce(s.current_label, " + original + ") IN (" + values(c, params) + ")";
                }
                case "tag" -> "EXISTS (SELECT 1 FROM unnest(coalesce(s.tags, []::VARCHAR[])) t(tag) WHERE tag IN ("
                        + values(c, params) + "))";
                default -> throw ApiException.badRequest("state", "label, tag or deleted", state);
            };
        }
        String name = c.path("column").asText("");
        ColumnInfo col = atlas.columns().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("column", name));
        String ref = "p." + Sql.ident(col.name());
        if (c.has("min") || c.has("max")) {
            List<String> parts = new ArrayList<>();
            if (c.has("min")) {
                parts.add("CAST(" + ref + " AS DOUBLE) >= ?");
                params.add(number(c, "min"));
            }
            if (c.has("max")) {
                parts.add("CAST(" + ref + " AS DOUBLE) <= ?");
                params.add(number(c, "max"));
            }
            return "(" + String.join(" AND ", parts) + ")";
        }
        if (c.has("in")) {
            return "CAST(" + ref + " AS VARCHAR) IN (" + values(c, params) + ")";
        }
        if (c.has("contains")) {
            String t = c.path("contains").asText();
            params.add("%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            return "CAST(" + ref + " AS VARCHAR) ILIKE ? ESCAPE '\\'";
        }
        if (c.has("missing")) {
            return c.path("missing").asBoolean(true) ? ref + " IS NULL" : ref + " IS NOT NULL";
        }
        throw new ApiException(400, "a condition on column '" + name + "' needs min/max, in, contains or missing");
    }

    private static double number(JsonNode c, String field) {
        JsonNode v = c.path(field);
        if (!v.isNumber()) {
            throw ApiException.badRequest(field, "a number", v.toString());
        }
        return v.asDouble();
    }

    private static String values(JsonNode c, List<Object> params) {
        JsonNode in = c.path("in");
        if (!in.isArray() || in.isEmpty() || in.size() > 10_000) {
            throw ApiException.badRequest("in", "a list of 1 to 10,000 values", in.toString());
        }
        List<String> marks = new ArrayList<>();
        for (JsonNode v : in) {
            params.add(v.isTextual() ? v.asText() : v.toString());
            marks.add("?");
        }
        return String.join(", ", marks);
    }

    BitSet rows(int[] rows) {
        BitSet out = new BitSet(n());
        for (int r : rows) {
            if (r < 0 || r >= n()) {
                throw ApiException.notFound("point", Integer.toString(r));
            }
            out.set(r);
        }
        return out;
    }

    BitSet ids(List<String> ids) {
        var index = service.idIndex();
        BitSet out = new BitSet(n());
        for (String id : ids) {
            index.row(id).ifPresent(out::set);
        }
        return out;
    }

    /** Point {@code row} and its k nearest neighbours in the original space. */
    BitSet neighbours(int row, int k) {
        BitSet out = rows(new int[] {row});
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nb = (List<Map<String, Object>>) service.neighbors(row, k).get("neighbors");
        if (nb.isEmpty()) {
            throw new ApiException(404, "atlas '" + service.name() + "' has no kNN graph to take neighbours from");
        }
        nb.forEach(m -> out.set((Integer) m.get("row")));
        return out;
    }

    /** A bitset as bytes, point i at bit i % 8 of byte i / 8, padded to ⌈n / 8⌉ bytes. */
    byte[] bytes(BitSet set) {
        return java.util.Arrays.copyOf(set.toByteArray(), (n() + 7) / 8);
    }

    BitSet fromBytes(byte[] bytes) {
        if (bytes.length != (n() + 7) / 8) {
            throw ApiException.badRequest("bitmap", ((n() + 7) / 8) + " bytes (one bit per point)",
                    bytes.length + " bytes");
        }
        return BitSet.valueOf(bytes);
    }

    /** The ids of a selection, in row order. */
    List<String> idsOf(BitSet set) {
        var index = service.idIndex();
        List<String> out = new ArrayList<>(set.cardinality());
        set.stream().forEach(r -> out.add(index.id(r)));
        return out;
    }

    // ---- annotations -----------------------------------------------------------------------------

    private void requireWritable() {
        if (service.readOnly()) {
            throw new ApiException(409, "atlas '" + service.name() + "' is served read-only (starmap serve "
                    + "--read-only); annotations need it open for writing");
        }
    }

    /** Appends one entry (one transaction) for the selected points. */
    Map<String, Object> annotate(String action, String value, BitSet rows, String author, String note) {
        requireWritable();
        AnnotationAction a;
        try {
            a = AnnotationAction.fromSql(action);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("action", "tag, untag, relabel, delete or restore", action);
        }
        int[] r = rows.stream().toArray();
        return service.withAtlas(atlas -> {
            try {
                Annotation e = atlas.annotations().append(author, a, a.takesValue() ? value : null, r, note);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("seq", e.seq());
                m.put("count", e.rows().length);
                m.put("version", atlas.annotations().version());
                return m;
            } catch (InvalidParameterException ex) {
                throw new ApiException(400, ex.getMessage());
            }
        });
    }

    Map<String, Object> revert(long seq, boolean undo, String author) {
        requireWritable();
        return service.withAtlas(atlas -> {
            try {
                AnnotationLog log = atlas.annotations();
                long s = undo ? log.undo(author, seq) : log.redo(author, seq);
                return Map.of("seq", s, "target", seq, "undo", undo, "version", log.version());
            } catch (InvalidParameterException ex) {
                throw new ApiException(409, ex.getMessage());
            }
        });
    }

    /** The log after {@code after}: each entry with its point count and whether it is in effect. */
    Map<String, Object> history(long after) {
        return service.withAtlas(atlas -> {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (AnnotationLog.Entry e : atlas.annotations().history(after)) {
                Annotation a = e.annotation();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("seq", a.seq());
                m.put("at", a.at().toString());
                m.put("author", a.author());
                m.put("action", a.action().sql());
                m.put("value", a.value().orElse(null));
                m.put("count", a.rows().length);
                m.put("note", a.note().orElse(null));
                m.put("inEffect", e.inEffect());
                entries.add(m);
            }
            return Map.of("version", atlas.annotations().version(), "entries", entries);
        });
    }

    /** Every point's edits now: current labels, the deleted, tags — each as lists of rows. */
    Map<String, Object> state() {
        return service.withAtlas(atlas -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", atlas.annotations().version());
            m.put("labels", grouped(atlas, "SELECT current_label, list(row_idx ORDER BY row_idx) FROM annotation_state "
                    + "WHERE current_label IS NOT NULL GROUP BY 1 ORDER BY 1"));
            m.put("tags", grouped(atlas, "SELECT tag, list(row_idx ORDER BY row_idx) FROM (SELECT row_idx, "
                    + "unnest(tags) AS tag FROM annotation_state) GROUP BY 1 ORDER BY 1"));
            Map<String, List<Integer>> deleted = grouped(atlas, "SELECT 'deleted', list(row_idx ORDER BY row_idx) "
                    + "FROM annotation_state WHERE deleted");
            m.put("deleted", deleted.getOrDefault("deleted", List.of()));
            return m;
        });
    }

    private static Map<String, List<Integer>> grouped(Atlas atlas, String sql) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        atlas.query("reading the annotation state", sql, rs -> {
            while (rs.next()) {
                java.sql.Array arr = rs.getArray(2);
                if (arr == null) {
                    continue; // an aggregate over no rows
                }
                Object[] rows = (Object[]) arr.getArray();
                List<Integer> list = new ArrayList<>(rows.length);
                for (Object o : rows) {
                    list.add(((Number) o).intValue());
                }
                out.put(rs.getString(1), list);
            }
        });
        return out;
    }

    // ---- export ----------------------------------------------------------------------------------

    /** Writes an export to a temporary file, which the caller sends and deletes. */
    Path export(String format, Optional<String> layout, OptionalLong since, boolean dropDeleted) {
        ExportFormat f;
        try {
            f = ExportFormat.parse(format);
        } catch (StarmapException e) {
            throw ApiException.badRequest("format", "csv, parquet or json", format);
        }
        if (f == ExportFormat.NPY) {
            throw ApiException.badRequest("format", "csv, parquet or json", format);
        }
        try {
            Path dir = Files.createTempDirectory("starmap-export");
            Path out = dir.resolve(service.name() + "." + (f == ExportFormat.JSON ? "jsonl" : f.cliName()));
            return service.withAtlas(atlas -> {
                if (layout.isPresent() && atlas.layouts().manifest(layout.get()).isEmpty()) {
                    throw ApiException.notFound("layout", layout.get());
                }
                Exporter.run(atlas, new ExportOptions(atlas.path(), layout, f, out, false, dropDeleted, true, since),
                        Progress.NONE);
                return out;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
