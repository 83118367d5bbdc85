/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import starmap.core.InvalidInputException;
import starmap.store.ColumnInfo;
import starmap.store.ColumnRole;
import starmap.store.ImageInfo;
import starmap.store.Sql;

/** The SQL side of an import: the points table, the uniqueness check on ids, and the catalog tables. */
final class AtlasWriter {
    private AtlasWriter() {
    }

    static void createPointsTable(Connection conn, RowPlan plan) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE points (row_idx INTEGER NOT NULL, id ")
                .append(plan.idType.sql()).append(" NOT NULL");
        if (plan.dim > 0) {
            ddl.append(", vector FLOAT[").append(plan.dim).append("] NOT NULL");
        }
        for (RowPlan.Out c : plan.columns) {
            ddl.append(", ").append(Sql.ident(c.name())).append(' ').append(c.type().sql());
        }
        try (Statement s = conn.createStatement()) {
            s.execute(ddl.append(')').toString());
        }
    }

    static String insertSql(RowPlan plan) {
        StringBuilder sql = new StringBuilder("INSERT INTO points SELECT row_idx, id");
        if (plan.dim > 0) {
            sql.append(", CAST(vector AS FLOAT[").append(plan.dim).append("])");
        }
        for (RowPlan.Out c : plan.columns) {
            sql.append(", ").append(Sql.ident(c.name()));
        }
        return sql.append(" FROM {stream}").toString();
    }

    /** Fails with the rows of the first duplicated ids, if any. */
    static void checkUniqueIds(Connection conn, RowPlan plan) throws SQLException {
        if (plan.id.isEmpty()) {
            return;
        }
        RowPlan.Out id = plan.id.get();
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT CAST(id AS VARCHAR), list(row_idx ORDER BY row_idx)[1:4], count(*) "
                     + "FROM points GROUP BY id HAVING count(*) > 1 ORDER BY min(row_idx) LIMIT 1")) {
            if (!rs.next()) {
                return;
            }
            String value = rs.getString(1);
            Array arr = rs.getArray(2);
            Object[] rows = (Object[]) arr.getArray();
            long count = rs.getLong(3);
            Part.Location first = id.part().locate(((Number) rows[0]).longValue());
            List<String> also = new ArrayList<>();
            for (int i = 1; i < rows.length; i++) {
                also.add(id.part().locate(((Number) rows[i]).longValue()).toString());
            }
            throw InvalidInputException.in(first.file()).row(first.row()).column(id.sourceName()).problem("duplicate id '"
                    + value + "' (" + count + " rows have it; also at " + String.join(", ", also)
                    + (count > rows.length ? ", …" : "") + "); ids must be unique");
        }
    }

    /** Writes the columns, sources and atlas_info tables; returns the columns. */
    static List<ColumnInfo> writeCatalog(Connection conn, RowPlan plan, List<Part> parts) throws SQLException {
        List<ColumnInfo> columns = new ArrayList<>();
        columns.add(new ColumnInfo("id", plan.idType, ColumnRole.ID, plan.id.map(RowPlan.Out::sourceName).orElse(null)));
        for (RowPlan.Out c : plan.columns) {
            columns.add(new ColumnInfo(c.name(), c.type(), c.role(), c.sourceName()));
        }
        try (PreparedStatement p = conn.prepareStatement("INSERT INTO columns VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < columns.size(); i++) {
                ColumnInfo c = columns.get(i);
                p.setString(1, c.name());
                p.setInt(2, i);
                p.setString(3, c.type().sql());
                p.setString(4, c.role().sql());
                p.setString(5, c.sourceName());
                p.addBatch();
            }
            p.executeBatch();
        }
        writeSources(conn, parts);
        Map<String, String> info = new LinkedHashMap<>();
        info.put("point_count", Long.toString(plan.rows));
        if (plan.dim > 0) {
            info.put("vector_dimension", Integer.toString(plan.dim));
        }
        info.put("id_source", plan.id.map(c -> "column " + c.sourceName()).orElse("row number"));
        imageInfo(plan).ifPresent(img -> putImage(info, img));
        try (PreparedStatement p = conn.prepareStatement("INSERT OR REPLACE INTO atlas_info VALUES (?, ?)")) {
            for (Map.Entry<String, String> e : info.entrySet()) {
                p.setString(1, e.getKey());
                p.setString(2, e.getValue());
                p.addBatch();
            }
            p.executeBatch();
        }
        return columns;
    }

    private static void writeSources(Connection conn, List<Part> parts) throws SQLException {
        try (PreparedStatement p = conn.prepareStatement("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            OffsetDateTime now = OffsetDateTime.now();
            for (Part part : parts) {
                for (int i = 0; i < part.readers.size(); i++) {
                    SourceReader r = part.readers.get(i);
                    p.setInt(1, position++);
                    p.setString(2, part.role == Readers.Role.SOURCE ? (part.schema.hasVectors() ? "vectors" : "table")
                            : part.role == Readers.Role.METADATA ? "metadata" : "labels");
                    p.setString(3, r.path().toAbsolutePath().toString());
                    p.setString(4, r.format().cliName());
                    p.setLong(5, part.firstRows[i]);
                    p.setLong(6, r.schema().rows());
                    p.setLong(7, size(r.path()));
                    p.setObject(8, now);
                    p.addBatch();
                }
            }
            p.executeBatch();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    static Optional<ImageInfo> imageInfo(RowPlan plan) {
        if (plan.imageColumn.isPresent()) {
            return Optional.of(ImageInfo.files(plan.imageColumn.get().name(), plan.imageRoot.orElseThrow().toString()));
        }
        return plan.pixels.map(s -> ImageInfo.pixels(s.height(), s.width(), s.channels()));
    }

    private static void putImage(Map<String, String> info, ImageInfo img) {
        if (img.kind() == ImageInfo.Kind.PIXELS) {
            info.put("image_kind", "pixels");
            info.put("image_height", Integer.toString(img.height()));
            info.put("image_width", Integer.toString(img.width()));
            info.put("image_channels", Integer.toString(img.channels()));
        } else {
            info.put("image_kind", "files");
            info.put("image_column", img.column().orElseThrow());
            info.put("image_root", img.root().orElseThrow());
        }
    }
}
