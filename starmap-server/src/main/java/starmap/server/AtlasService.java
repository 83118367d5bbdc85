/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.server;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import starmap.core.ids.IdIndex;
import starmap.core.layout.Embedding;
import starmap.core.layout.Layout;
import starmap.core.layout.LayoutManifest;
import starmap.store.Atlas;
import starmap.store.ColumnInfo;
import starmap.store.ColumnRole;
import starmap.store.ColumnType;
import starmap.store.ImageInfo;
import starmap.store.KnnGraphInfo;
import starmap.store.relations.RelationsImporter;
import starmap.store.Sql;
import starmap.store.StoreException;

/**
 * One served atlas: what the HTTP API reads from it, with the expensive answers (positions, colour
 * codes) encoded once and cached. DuckDB access is serialised on this object.
 */
final class AtlasService implements AutoCloseable {
    /** Category codes: 0 … 253 for the most frequent values, then "other" and "missing". */
    static final int MAX_CATEGORIES = 254;
    static final int OTHER = 254;
    static final int MISSING = 255;
    /** Numeric columns are coloured in this many equal-width bins (codes 0 … 253); 255 is missing. */
    static final int BINS = 254;
    /** BIGINT columns with at most this many distinct values are coloured as categories. */
    static final int FEW_DISTINCT = 32;

    private final String name;
    private final Atlas atlas;
    private final Map<String, Blob> positions = new ConcurrentHashMap<>();
    private final Map<String, ColumnCodes> codes = new ConcurrentHashMap<>();
    private final Map<String, GraphEdges> edges = new ConcurrentHashMap<>();
    private final Map<String, Blob> importance = new ConcurrentHashMap<>();
    private volatile IdIndex ids;
    private final int points;
    private float pixelScale;

    /** A column encoded for colouring: JSON description and one byte per point. */
    record ColumnCodes(Map<String, Object> meta, Blob codes) {
    }

    AtlasService(String name, Path path, boolean readOnly) {
        this.name = name;
        this.atlas = readOnly ? Atlas.openReadOnly(path) : Atlas.open(path);
        this.points = atlas.hasPoints() ? atlas.pointCount() : 0;
        this.curation = new Curation(this);
    }

    private final Curation curation;

    /** Selections, annotations and exports of this atlas. */
    Curation curation() {
        return curation;
    }

    /** Runs {@code work} with the atlas, holding this service's lock (DuckDB access is serialised here). */
    synchronized <T> T withAtlas(java.util.function.Function<Atlas, T> work) {
        return work.apply(atlas);
    }

    boolean readOnly() {
        return atlas.isReadOnly();
    }

    String name() {
        return name;
    }

    int points() {
        return points;
    }

    /** The atlas as the viewer's start page needs it. */
    synchronized Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("points", points);
        m.put("vectorDimension", atlas.vectorDimension().isPresent() ? atlas.vectorDimension().getAsInt() : null);
        m.put("images", atlas.images().map(ImageInfo::describe).orElse(null));
        List<Map<String, Object>> layouts = new ArrayList<>();
        for (LayoutManifest lm : atlas.layouts().list()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("name", lm.name());
            l.put("method", lm.method());
            l.put("dimension", lm.dimension());
            Map<String, Double> metrics = new LinkedHashMap<>();
            // the headline figures; the precision/recall curve stays in the atlas
            lm.metrics().forEach((k, v) -> {
                if (!k.startsWith("precision@") && !k.startsWith("recall@")) {
                    metrics.put(k, v);
                }
            });
            l.put("metrics", metrics);
            layouts.add(l);
        }
        m.put("layouts", layouts);
        List<Map<String, Object>> columns = new ArrayList<>();
        for (ColumnInfo c : atlas.columns()) {
            Map<String, Object> col = new LinkedHashMap<>();
            col.put("name", c.name());
            col.put("type", c.type().sql());
            col.put("role", c.role().sql());
            columns.add(col);
        }
        m.put("columns", columns);
        m.put("label", atlas.column(ColumnRole.LABEL).map(ColumnInfo::name).orElse(null));
        // the viewer draws the first: an atlas of relations shows its relation graph, not a layout's kNN graph
        m.put("graphs", atlas.knnGraphs().list().stream().sorted(java.util.Comparator.comparing(
                (KnnGraphInfo g) -> !g.name().equals(RelationsImporter.GRAPH))).map(KnnGraphInfo::name).toList());
        m.put("nameColumn", nameColumn().map(ColumnInfo::name).orElse(null));
        m.put("editable", !atlas.isReadOnly());
        return m;
    }

    /** The column that names points for labels: a text column called "name" or "title", else none (ids serve). */
    private Optional<ColumnInfo> nameColumn() {
        return atlas.columns().stream()
                .filter(c -> c.role() == ColumnRole.METADATA && c.type() == ColumnType.VARCHAR)
                .filter(c -> c.name().equalsIgnoreCase("name") || c.name().equalsIgnoreCase("title"))
                .findFirst();
    }

    /** The graph with the most neighbours per point, if any. */
    /** The graph of the original space: an atlas of relations' relation graph, else the widest kNN graph. */
    private Optional<KnnGraphInfo> primaryGraph() {
        return atlas.knnGraphs().info(RelationsImporter.GRAPH).or(this::widestGraph);
    }

    private Optional<KnnGraphInfo> widestGraph() {
        return atlas.knnGraphs().list().stream().max(java.util.Comparator.comparingInt(KnnGraphInfo::k));
    }

    /** A stored graph's drawable edges (its first {@link GraphEdges#MAX_K} neighbours per point), made once. */
    GraphEdges edges(String graph) {
        return edges.computeIfAbsent(graph, this::readEdges);
    }

    private synchronized GraphEdges readEdges(String graph) {
        KnnGraphInfo info = atlas.knnGraphs().info(graph).orElseThrow(() -> ApiException.notFound("graph", graph));
        int k = Math.min(GraphEdges.MAX_K, info.k());
        int[] table = new int[points * k];
        java.util.Arrays.fill(table, -1);
        prepared("reading graph " + graph, "SELECT row_idx, list_slice(neighbors, 1, ?) FROM knn_neighbors "
                + "WHERE graph = ?", ps -> {
                    ps.setInt(1, k);
                    ps.setString(2, graph);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            int row = rs.getInt(1);
                            Object[] nb = (Object[]) rs.getArray(2).getArray();
                            if (row < 0 || row >= points) {
                                continue;
                            }
                            for (int j = 0; j < Math.min(k, nb.length); j++) {
                                table[row * k + j] = ((Number) nb[j]).intValue();
                            }
                        }
                    }
                });
        return new GraphEdges(graph, points, k, table);
    }

    private starmap.core.vectors.DenseVectors vectors;
    private String space;

    /** What queries run over: "vectors", or for an atlas of relations (no vectors) its widest layout. */
    synchronized String querySpace() {
        queryVectors();
        return space;
    }

    /** The query space's vectors, read once and then kept off-heap. */
    private starmap.core.vectors.DenseVectors queryVectors() {
        if (vectors == null) {
            if (atlas.vectorDimension().isPresent()) {
                space = "vectors";
                vectors = atlas.readVectors();
            } else {
                space = atlas.layouts().widest().orElseThrow(() -> new ApiException(404, "atlas '" + name
                        + "' holds no vectors and no layouts to query"));
                vectors = atlas.layouts().asVectors(space);
            }
        }
        return vectors;
    }

    /**
     * A query over the atlas's vectors (or its widest layout): {@code near} (a), {@code between}
     * (a, b) or {@code analogy} (a, b, c), by id; see {@link starmap.core.query.VectorQueries}.
     */
    synchronized List<Map<String, Object>> query(String op, List<String> ids, int k, starmap.core.knn.Metric metric) {
        starmap.core.vectors.DenseVectors queried = queryVectors();
        IdIndex index = idIndex();
        int[] rows = new int[ids.size()];
        for (int i = 0; i < rows.length; i++) {
            String id = ids.get(i);
            rows[i] = index.row(id).orElseThrow(() -> ApiException.notFound("point", id));
        }
        List<starmap.core.query.VectorQueries.Hit> hits;
        try (starmap.core.parallel.Parallel par = starmap.core.parallel.Parallel.ofAvailableProcessors()) {
            hits = switch (op) {
                case "near" -> starmap.core.query.VectorQueries.nearest(queried, rows[0], k, metric, par);
                case "between" -> starmap.core.query.VectorQueries.between(queried, rows[0], rows[1], k, metric, par);
                default -> starmap.core.query.VectorQueries.analogy(queried, rows[0], rows[1], rows[2], k, metric, par);
            };
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (var h : hits) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("row", h.row());
            m.put("id", index.id(h.row()));
            m.put("score", h.score());
            out.add(m);
        }
        return out;
    }

    /** Most ids one lookup may name. */
    static final int MAX_LOOKUP = 100_000;

    /**
     * Rows of the given ids (in the order given, each once), the ids that name no point, and the edges
     * among the found points in the widest stored graph: what the viewer highlights as a constellation.
     */
    Map<String, Object> lookup(List<String> wanted) {
        if (wanted.size() > MAX_LOOKUP) {
            throw ApiException.badRequest("ids", "at most " + MAX_LOOKUP + " ids", wanted.size() + " ids");
        }
        IdIndex index = idIndex();
        java.util.LinkedHashSet<Integer> rows = new java.util.LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String id : wanted) {
            java.util.OptionalInt r = index.row(id);
            if (r.isPresent()) {
                rows.add(r.getAsInt());
            } else {
                unknown.add(id);
            }
        }
        int[] found = rows.stream().mapToInt(Integer::intValue).toArray();
        Optional<KnnGraphInfo> graph;
        synchronized (this) {
            graph = widestGraph();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", found);
        m.put("unknownCount", unknown.size());
        m.put("unknown", unknown.subList(0, Math.min(100, unknown.size())));
        m.put("graph", graph.map(KnnGraphInfo::name).orElse(null));
        m.put("edges", graph.map(g -> edges(g.name()).among(found)).orElse(new int[0]));
        return m;
    }

    IdIndex idIndex() {
        IdIndex i = ids;
        if (i == null) {
            synchronized (this) {
                if (ids == null) {
                    ids = atlas.ids();
                }
                i = ids;
            }
        }
        return i;
    }

    /**
     * One byte per point saying how much it deserves a label, as its rank among all points scaled to
     * 0 … 255 (255 the most): by a numeric column (popularity, play count…) when one is named, else by
     * in-degree in the widest kNN graph (how many points count it among their nearest — a
     * neighbourhood's typical members), else all equal.
     */
    Blob importance(Optional<String> column) {
        return importance.computeIfAbsent(column.orElse(""), c -> rankImportance(column));
    }

    private Blob rankImportance(Optional<String> column) {
        double[] score = new double[points];
        String source;
        if (column.isPresent()) {
            ColumnInfo info;
            synchronized (this) {
                info = columnInfo(column.get());
            }
            if (info.type() != ColumnType.DOUBLE && info.type() != ColumnType.BIGINT) {
                throw ApiException.badRequest("column", "a numeric column", column.get());
            }
            source = info.name();
            java.util.Arrays.fill(score, Double.NEGATIVE_INFINITY);
            synchronized (this) {
                atlas.query("reading " + info.name(), "SELECT row_idx, CAST(" + Sql.ident(info.name())
                        + " AS DOUBLE) FROM points", rs -> {
                            while (rs.next()) {
                                double v = rs.getDouble(2);
                                if (!rs.wasNull() && Double.isFinite(v)) {
                                    score[rs.getInt(1)] = v;
                                }
                            }
                        });
            }
        } else {
            Optional<KnnGraphInfo> graph;
            synchronized (this) {
                graph = widestGraph();
            }
            source = graph.map(g -> "in-degree:" + g.name()).orElse("none");
            if (graph.isPresent()) {
                int[] d = edges(graph.get().name()).inDegree();
                for (int i = 0; i < points; i++) {
                    score[i] = d[i];
                }
            }
        }
        Integer[] order = new Integer[points];
        for (int i = 0; i < points; i++) {
            order[i] = i;
        }
        // ties broken by row so the answer is the same every time
        java.util.Arrays.sort(order, (a, b) -> score[a] != score[b] ? Double.compare(score[a], score[b])
                : Integer.compare(b, a));
        byte[] out = new byte[points];
        for (int r = 0; r < points; r++) {
            out[order[r]] = (byte) (int) ((long) r * 256 / Math.max(1, points));
        }
        return Blob.of(out, Map.of("X-Starmap-Importance", source));
    }

    /** Labels for rows: the name column's values where the atlas has one, else the ids. */
    synchronized List<String> names(int[] rows) {
        for (int r : rows) {
            checkRow(r);
        }
        Optional<ColumnInfo> nameCol = nameColumn();
        if (nameCol.isEmpty()) {
            IdIndex index = idIndex();
            return java.util.Arrays.stream(rows).mapToObj(index::id).toList();
        }
        Map<Integer, String> byRow = new java.util.HashMap<>();
        String list = java.util.Arrays.stream(rows).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(","));
        // the rows are checked integers, so the IN list is not client text
        atlas.query("reading names", "SELECT row_idx, CAST(" + Sql.ident(nameCol.get().name()) + " AS VARCHAR) "
                + "FROM points WHERE row_idx IN (" + (list.isEmpty() ? "-1" : list) + ")", rs -> {
                    while (rs.next()) {
                        byRow.put(rs.getInt(1), rs.getString(2));
                    }
                });
        return java.util.Arrays.stream(rows).mapToObj(r -> byRow.getOrDefault(r, idIndex().id(r))).toList();
    }

    /**
     * A layout's positions, row i at index i: {@code u16} quantises every axis to 0 … 65535 over the
     * axis's range (sent as the {@code X-Starmap-Bounds} header), 2 bytes per coordinate; {@code f32}
     * is little-endian float32.
     */
    Blob positions(String layout, String encoding) {
        if (!encoding.equals("u16") && !encoding.equals("f32")) {
            throw ApiException.badRequest("encoding", "u16 or f32", encoding);
        }
        return positions.computeIfAbsent(layout + "\u0000" + encoding, k -> encodePositions(layout, encoding));
    }

    private Blob encodePositions(String layout, String encoding) {
        Layout l;
        synchronized (this) {
            if (atlas.layouts().manifest(layout).isEmpty()) {
                throw ApiException.notFound("layout", layout);
            }
            l = atlas.layouts().get(layout);
        }
        Embedding e = l.coordinates();
        int n = e.size();
        int dim = e.dimension();
        float[] c = e.toArray();
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dim; a++) {
                lo[a] = Math.min(lo[a], c[i * dim + a]);
                hi[a] = Math.max(hi[a], c[i * dim + a]);
            }
        }
        StringBuilder bounds = new StringBuilder("[");
        for (int a = 0; a < dim; a++) {
            if (n == 0) {
                lo[a] = 0;
                hi[a] = 0;
            }
            bounds.append(a == 0 ? "" : ",").append(lo[a]).append(',').append(hi[a]);
        }
        bounds.append(']');
        ByteBuffer buf;
        if (encoding.equals("u16")) {
            buf = ByteBuffer.allocate(n * dim * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < dim; a++) {
                    double span = hi[a] - lo[a];
                    double u = span > 0 ? (c[i * dim + a] - lo[a]) / span : 0.5;
                    buf.putShort((short) Math.round(u * 65535));
                }
            }
        } else {
            buf = ByteBuffer.allocate(n * dim * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : c) {
                buf.putFloat(v);
            }
        }
        return Blob.of(buf.array(), Map.of("X-Starmap-Dimension", Integer.toString(dim), "X-Starmap-Bounds",
                bounds.toString(), "X-Starmap-Encoding", encoding, "X-Starmap-Points", Integer.toString(n)));
    }

    /** A column encoded for colouring, one byte per point. */
    ColumnCodes column(String column) {
        return codes.computeIfAbsent(column, this::encodeColumn);
    }

    private ColumnInfo columnInfo(String column) {
        return atlas.columns().stream().filter(c -> c.name().equals(column)).findFirst()
                .orElseThrow(() -> ApiException.notFound("column", column));
    }

    private synchronized ColumnCodes encodeColumn(String column) {
        ColumnInfo info = columnInfo(column);
        String c = Sql.ident(info.name());
        long distinct = single("SELECT count(DISTINCT " + c + ") FROM points");
        // labels are classes even when they are numbers
        boolean numeric = info.role() != ColumnRole.LABEL && (info.type() == ColumnType.DOUBLE
                || (info.type() == ColumnType.BIGINT && distinct > FEW_DISTINCT));
        byte[] out = new byte[points];
        java.util.Arrays.fill(out, (byte) MISSING);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", info.name());
        meta.put("type", info.type().sql());
        meta.put("distinct", distinct);
        if (numeric) {
            double[] range = new double[2];
            // NaN and infinities are coloured as missing and kept out of the range
            atlas.query("reading the range of " + info.name(), "SELECT coalesce(min(" + c + "), 0), coalesce(max(" + c
                    + "), 0) FROM points WHERE isfinite(CAST(" + c + " AS DOUBLE))",
                    rs -> {
                        rs.next();
                        range[0] = rs.getDouble(1);
                        range[1] = rs.getDouble(2);
                    });
            double span = range[1] - range[0];
            atlas.query("reading " + info.name(), "SELECT row_idx, CAST(" + c + " AS DOUBLE) FROM points", rs -> {
                while (rs.next()) {
                    double v = rs.getDouble(2);
                    if (!rs.wasNull() && Double.isFinite(v)) {
                        int bin = span > 0 ? (int) Math.min(BINS - 1, Math.floor((v - range[0]) / span * BINS)) : 0;
                        out[rs.getInt(1)] = (byte) bin;
                    }
                }
            });
            meta.put("kind", "number");
            meta.put("min", range[0]);
            meta.put("max", range[1]);
            meta.put("bins", BINS);
        } else {
            List<String> dictionary = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            long[] other = new long[1];
            Map<String, Integer> index = new LinkedHashMap<>();
            atlas.query("counting the values of " + info.name(), "SELECT CAST(" + c + " AS VARCHAR) AS v, count(*) AS n "
                    + "FROM points WHERE " + c + " IS NOT NULL GROUP BY v ORDER BY n DESC, v", rs -> {
                        while (rs.next()) {
                            if (dictionary.size() < MAX_CATEGORIES) {
                                index.put(rs.getString(1), dictionary.size());
                                dictionary.add(rs.getString(1));
                                counts.add(rs.getLong(2));
                            } else {
                                other[0] += rs.getLong(2);
                            }
                        }
                    });
            atlas.query("reading " + info.name(), "SELECT row_idx, CAST(" + c + " AS VARCHAR) FROM points", rs -> {
                while (rs.next()) {
                    String v = rs.getString(2);
                    if (v != null) {
                        Integer code = index.get(v);
                        out[rs.getInt(1)] = (byte) (code == null ? OTHER : code);
                    }
                }
            });
            meta.put("kind", "category");
            meta.put("dictionary", dictionary);
            meta.put("counts", counts);
            meta.put("other", other[0]);
        }
        meta.put("missing", single("SELECT count(*) FROM points WHERE " + c + " IS NULL"
                + (numeric ? " OR NOT isfinite(CAST(" + c + " AS DOUBLE))" : "")));
        return new ColumnCodes(meta, Blob.of(out, Map.of("X-Starmap-Column", info.name())));
    }

    private long single(String sql) {
        long[] v = new long[1];
        atlas.query("counting", sql, rs -> {
            rs.next();
            v[0] = rs.getLong(1);
        });
        return v[0];
    }

    private void checkRow(int row) {
        if (row < 0 || row >= points) {
            throw ApiException.notFound("point", Integer.toString(row));
        }
    }

    /** One point's record: its id, every metadata column and whether it has an image. */
    synchronized Map<String, Object> record(int row) {
        checkRow(row);
        List<Map<String, Object>> r = records(row, 1);
        return r.getFirst();
    }

    /** Records of rows [offset, offset + limit). */
    synchronized List<Map<String, Object>> records(int offset, int limit) {
        List<ColumnInfo> cols = atlas.columns();
        StringBuilder sql = new StringBuilder("SELECT row_idx, CAST(id AS VARCHAR)");
        for (ColumnInfo c : cols) {
            if (c.role() != ColumnRole.ID) {
                sql.append(", ").append(Sql.ident(c.name()));
            }
        }
        sql.append(" FROM points WHERE row_idx >= ? AND row_idx < ? ORDER BY row_idx");
        boolean images = atlas.images().isPresent();
        List<Map<String, Object>> out = new ArrayList<>();
        prepared("reading points", sql.toString(), ps -> {
            ps.setInt(1, offset);
            ps.setLong(2, (long) offset + limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("row", rs.getInt(1));
                    m.put("id", rs.getString(2));
                    Map<String, Object> fields = new LinkedHashMap<>();
                    int k = 3;
                    for (ColumnInfo c : cols) {
                        if (c.role() != ColumnRole.ID) {
                            Object v = rs.getObject(k++);
                            fields.put(c.name(), v == null || v instanceof Number || v instanceof Boolean ? v
                                    : v.toString());
                        }
                    }
                    m.put("fields", fields);
                    m.put("image", images);
                    out.add(m);
                }
            }
        });
        return out;
    }

    /**
     * The point's k nearest neighbours in the original space: from the relation graph of an atlas of
     * relations, else from the stored kNN graph with most neighbours.
     */
    synchronized Map<String, Object> neighbors(int row, int k) {
        checkRow(row);
        Optional<KnnGraphInfo> graph = primaryGraph();
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        m.put("row", row);
        m.put("graph", graph.map(KnnGraphInfo::name).orElse(null));
        m.put("metric", graph.map(KnnGraphInfo::metric).orElse(null));
        m.put("neighbors", list);
        if (graph.isEmpty()) {
            return m;
        }
        prepared("reading neighbours", "SELECT neighbors, distances FROM knn_neighbors WHERE graph = ? AND row_idx = ?",
                ps -> {
                    ps.setString(1, graph.get().name());
                    ps.setInt(2, row);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            Object[] nb = (Object[]) rs.getArray(1).getArray();
                            Object[] dist = (Object[]) rs.getArray(2).getArray();
                            for (int j = 0; j < Math.min(k, nb.length); j++) {
                                Map<String, Object> e = new LinkedHashMap<>();
                                e.put("row", ((Number) nb[j]).intValue());
                                e.put("distance", ((Number) dist[j]).doubleValue());
                                list.add(e);
                            }
                        }
                    }
                });
        return m;
    }

    /** Points whose id equals {@code q}, then those whose id or label contains it (case-insensitive). */
    synchronized List<Map<String, Object>> search(String q, int limit) {
        Optional<ColumnInfo> label = atlas.column(ColumnRole.LABEL);
        String labelExpr = label.map(c -> "CAST(" + Sql.ident(c.name()) + " AS VARCHAR)").orElse("NULL");
        String sql = "SELECT row_idx, CAST(id AS VARCHAR) AS sid, " + labelExpr + " AS lbl FROM points "
                + "WHERE sid = ? OR sid ILIKE ? OR lbl ILIKE ? "
                + "ORDER BY (sid = ?) DESC, (sid ILIKE ?) DESC, row_idx LIMIT ?";
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<Map<String, Object>> out = new ArrayList<>();
        prepared("searching", sql.replace("ILIKE ?", "ILIKE ? ESCAPE '\\'"), ps -> {
            ps.setString(1, q);
            ps.setString(2, like);
            ps.setString(3, like);
            ps.setString(4, q);
            ps.setString(5, like);
            ps.setInt(6, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("row", rs.getInt(1));
                    m.put("id", rs.getString(2));
                    m.put("label", rs.getString(3));
                    out.add(m);
                }
            }
        });
        return out;
    }

    /** An image's bytes and content type. */
    record Image(byte[] bytes, String type) {
    }

    /** The point's image: PNG drawn from its pixels, or its file under the images root. */
    Image image(int row) {
        checkRow(row);
        ImageInfo info;
        synchronized (this) {
            info = atlas.images().orElseThrow(() -> new ApiException(404, "atlas '" + name + "' has no images"));
        }
        if (info.kind() == ImageInfo.Kind.PIXELS) {
            return new Image(png(pixels(row), info, pixelScale()), "image/png");
        }
        return imageFile(row, info);
    }

    private synchronized float[] pixels(int row) {
        float[][] v = new float[1][];
        prepared("reading pixels", "SELECT vector FROM points WHERE row_idx = ?", ps -> {
            ps.setInt(1, row);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Array a = rs.getArray(1);
                Object[] values = (Object[]) a.getArray();
                float[] f = new float[values.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = ((Number) values[i]).floatValue();
                }
                v[0] = f;
            }
        });
        return v[0];
    }

    /**
     * 255 when the atlas's pixels are in [0, 1], else 1: decided once over all points (per image, a
     * nearly black 0 … 255 image would be mistaken for a [0, 1] one and washed out).
     */
    private synchronized float pixelScale() {
        if (pixelScale == 0) {
            double[] max = new double[1];
            atlas.query("reading the pixel range", "SELECT max(list_max(CAST(vector AS FLOAT[]))) FROM points", rs -> {
                rs.next();
                max[0] = rs.getDouble(1);
            });
            pixelScale = max[0] <= 1.0 ? 255f : 1f;
        }
        return pixelScale;
    }

    private static byte[] png(float[] px, ImageInfo info, float scale) {
        int h = info.height();
        int w = info.width();
        int ch = info.channels();
        BufferedImage img = new BufferedImage(w, h, ch == 4 ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * ch;
                int r = clamp(px[o] * scale);
                int g = ch >= 3 ? clamp(px[o + 1] * scale) : r;
                int b = ch >= 3 ? clamp(px[o + 2] * scale) : r;
                int a = ch == 4 ? clamp(px[o + 3] * scale) : 255;
                img.setRGB(x, y, a << 24 | r << 16 | g << 8 | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int clamp(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }

    private Image imageFile(int row, ImageInfo info) {
        String column = info.column().orElseThrow();
        String[] rel = new String[1];
        synchronized (this) {
            prepared("reading the image path", "SELECT CAST(" + Sql.ident(column) + " AS VARCHAR) FROM points "
                    + "WHERE row_idx = ?", ps -> {
                        ps.setInt(1, row);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            rel[0] = rs.getString(1);
                        }
                    });
        }
        if (rel[0] == null) {
            throw new ApiException(404, "point " + row + " has no image path");
        }
        Path file = SafePaths.resolve(Path.of(info.root().orElseThrow()), rel[0]);
        try {
            return new Image(Files.readAllBytes(file), imageType(file.getFileName().toString()));
        } catch (IOException e) {
            throw new ApiException(404, "image of point " + row + " cannot be read: " + e.getMessage());
        }
    }

    /** The content type of an image file, from its name. */
    static String imageType(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        if (f.endsWith(".jpg") || f.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (f.endsWith(".webp")) {
            return "image/webp";
        }
        if (f.endsWith(".gif")) {
            return "image/gif";
        }
        return "image/png";
    }

    private interface Prepared {
        void run(PreparedStatement ps) throws SQLException;
    }

    private void prepared(String what, String sql, Prepared work) {
        Connection c = atlas.connection();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            work.run(ps);
        } catch (SQLException e) {
            throw StoreException.wrap(atlas.path(), what, e);
        }
    }

    @Override
    public synchronized void close() {
        if (vectors != null) {
            vectors.close();
        }
        atlas.close();
    }
}
