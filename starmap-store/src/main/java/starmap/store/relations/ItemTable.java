/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.relations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import starmap.core.InvalidInputException;
import starmap.store.ColumnRole;
import starmap.store.ColumnType;
import starmap.store.Sql;

/**
 * The atlas's points: one per item in the graph, with its id, how often it was seen, and the columns of
 * the item metadata file joined by id; then the catalog (columns, sources, atlas_info).
 */
final class ItemTable {
    private ItemTable() {
    }

    /** Metadata rows that matched no item, and notes. */
    record Result(long unknown, List<String> warnings) {
    }

    private static final List<String> OWN = List.of("row_idx", "id", "occurrences", "collections");

    static Result write(Connection conn, RelationsOptions o, RelationRows rows, int points) throws SQLException {
        List<String> warnings = new ArrayList<>();
        Map<String, ColumnType> meta = new LinkedHashMap<>();
        String join = "";
        String metaId = null;
        Optional<Scan> items = Optional.empty();
        if (o.items().isPresent()) {
            Scan scan = Scan.of(conn, o.items().get(), "--items");
            items = Optional.of(scan);
            metaId = scan.column(o.itemsId(), 0, "--items-id-column");
            for (Map.Entry<String, String> c : scan.columns().entrySet()) {
                if (c.getKey().equals(metaId)) {
                    continue;
                }
                if (OWN.contains(c.getKey().toLowerCase(Locale.ROOT))) {
                    throw InvalidInputException.in(scan.file().toString()).column(c.getKey()).problem("is a name the "
                            + "atlas uses itself (" + String.join(", ", OWN) + "); rename the column");
                }
                meta.put(c.getKey(), Scan.typeOf(c.getValue()));
            }
            try (Statement s = conn.createStatement()) {
                s.execute("CREATE TEMP TABLE rel_meta AS SELECT CAST(" + Sql.ident(metaId) + " AS VARCHAR) AS meta_id, * "
                        + "EXCLUDE (" + Sql.ident(metaId) + ") FROM " + scan.sql());
            } catch (SQLException e) {
                throw InvalidInputException.in(scan.file().toString()).cause(e).problem("cannot be read: "
                        + Scan.firstLine(e));
            }
            checkUniqueMetadata(conn, scan, metaId);
            join = " LEFT JOIN rel_meta m ON m.meta_id = CAST(k.item AS VARCHAR)";
        }
        Optional<String> label = o.label().isPresent() ? o.label() : meta.keySet().stream()
                .filter(c -> c.equalsIgnoreCase("category") || c.equalsIgnoreCase("label")).findFirst();
        if (label.isPresent() && !meta.containsKey(label.get())) {
            throw InvalidInputException.in("--label-column").problem("no column '" + label.get() + "' in the item "
                    + "metadata" + (meta.isEmpty() ? " (no --items file given)" : "; its columns are "
                    + String.join(", ", meta.keySet())));
        }
        StringBuilder ddl = new StringBuilder("CREATE TABLE points AS SELECT g.row_idx, CAST(k.item AS ")
                .append(rows.idType.sql()).append(") AS id, CAST(k.n AS BIGINT) AS occurrences, CAST(k.g AS BIGINT) AS ")
                .append(o.edges() ? "edges" : "collections");
        for (Map.Entry<String, ColumnType> c : meta.entrySet()) {
            ddl.append(", CAST(m.").append(Sql.ident(c.getKey())).append(" AS ").append(c.getValue().sql()).append(") AS ")
                    .append(Sql.ident(c.getKey()));
        }
        ddl.append(" FROM rel_graph_items g JOIN rel_kept k ON g.idx = k.idx").append(join).append(" ORDER BY g.row_idx");
        long unknown = 0;
        try (Statement s = conn.createStatement()) {
            s.execute(ddl.toString());
        }
        if (items.isPresent()) {
            unknown = RelationsImporter.count(conn, "SELECT count(*) FROM rel_meta WHERE meta_id NOT IN "
                    + "(SELECT CAST(id AS VARCHAR) FROM points)");
            if (unknown > 0) {
                warnings.add(unknown + " rows of " + items.get().file().getFileName() + " name no item of the map (unknown, "
                        + "filtered out or left out) and were ignored, e.g. " + examples(conn));
            }
        }
        catalog(conn, o, rows, meta, label, metaId, points);
        return new Result(unknown, warnings);
    }

    private static void checkUniqueMetadata(Connection conn, Scan scan, String id) throws SQLException {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT meta_id, count(*) FROM rel_meta GROUP BY meta_id HAVING count(*) > 1 "
                     + "OR meta_id IS NULL LIMIT 1")) {
            if (rs.next()) {
                throw InvalidInputException.in(scan.file().toString()).column(id).problem(rs.getString(1) == null
                        ? "has an empty id" : "lists id '" + rs.getString(1) + "' " + rs.getLong(2) + " times; ids must be "
                        + "unique");
            }
        }
    }

    private static String examples(Connection conn) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT meta_id FROM rel_meta WHERE meta_id NOT IN (SELECT CAST(id AS VARCHAR) "
                     + "FROM points) LIMIT 5")) {
            while (rs.next()) {
                ids.add("'" + rs.getString(1) + "'");
            }
        }
        return String.join(", ", ids);
    }

    private static void catalog(Connection conn, RelationsOptions o, RelationRows rows, Map<String, ColumnType> meta,
            Optional<String> label, String metaId, int points) throws SQLException {
        try (PreparedStatement p = conn.prepareStatement("INSERT INTO columns VALUES (?, ?, ?, ?, ?)")) {
            int pos = 0;
            pos = column(p, pos, "id", rows.idType, ColumnRole.ID, rows.idColumn);
            pos = column(p, pos, "occurrences", ColumnType.BIGINT, ColumnRole.METADATA, null);
            pos = column(p, pos, o.edges() ? "edges" : "collections", ColumnType.BIGINT, ColumnRole.METADATA, null);
            for (Map.Entry<String, ColumnType> c : meta.entrySet()) {
                ColumnRole role = label.isPresent() && label.get().equals(c.getKey()) ? ColumnRole.LABEL : ColumnRole.METADATA;
                pos = column(p, pos, c.getKey(), c.getValue(), role, c.getKey());
            }
            p.executeBatch();
        }
        try (PreparedStatement p = conn.prepareStatement("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            source(p, 0, o.edges() ? "edges" : "collections", o.input(), rows.rowCount());
            if (o.items().isPresent()) {
                source(p, 1, "metadata", o.items().get(), RelationsImporter.count(conn, "SELECT count(*) FROM rel_meta"));
            }
            p.executeBatch();
        }
        try (PreparedStatement p = conn.prepareStatement("INSERT OR REPLACE INTO atlas_info VALUES (?, ?)")) {
            info(p, "point_count", Integer.toString(points));
            info(p, "id_source", "column " + rows.idColumn + " of " + o.input().getFileName());
            info(p, "relations", o.edges() ? "edges" : "collections");
            p.executeBatch();
        }
    }

    private static int column(PreparedStatement p, int pos, String name, ColumnType type, ColumnRole role, String source)
            throws SQLException {
        p.setString(1, name);
        p.setInt(2, pos);
        p.setString(3, type.sql());
        p.setString(4, role.sql());
        p.setString(5, source);
        p.addBatch();
        return pos + 1;
    }

    private static void source(PreparedStatement p, int pos, String role, Path file, long rows) throws SQLException {
        p.setInt(1, pos);
        p.setString(2, role);
        p.setString(3, file.toAbsolutePath().toString());
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean directory = Files.isDirectory(file);
        p.setString(4, directory ? GraphManifest.FORMAT : name.substring(name.lastIndexOf('.') + 1));
        p.setLong(5, 0);
        p.setLong(6, rows);
        long bytes;
        try {
            bytes = directory ? -1 : Files.size(file);
        } catch (java.io.IOException e) {
            bytes = -1;
        }
        p.setLong(7, bytes);
        p.setObject(8, OffsetDateTime.now());
        p.addBatch();
    }

    private static void info(PreparedStatement p, String key, String value) throws SQLException {
        p.setString(1, key);
        p.setString(2, value);
        p.addBatch();
    }
}
