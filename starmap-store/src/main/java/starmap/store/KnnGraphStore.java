/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.pojo.Schema;
import starmap.core.InvalidInputException;
import starmap.core.graph.KnnGraph;
import starmap.store.arrow.ArrowColumns;
import starmap.store.arrow.ArrowInsert;
import starmap.store.arrow.ArrowQuery;

/**
 * The kNN graphs of an atlas: table {@code knn_graphs} (description) and {@code knn_neighbors} (one row
 * per point: neighbour row indices and distances, nearest first).
 */
public final class KnnGraphStore {
    private static final int BATCH = 16_384;
    private final Atlas atlas;

    KnnGraphStore(Atlas atlas) {
        this.atlas = atlas;
    }

    /** Descriptions of all stored graphs. */
    public List<KnnGraphInfo> list() {
        List<KnnGraphInfo> out = new ArrayList<>();
        atlas.query("listing knn graphs", "SELECT name, k, metric, parameters, created_at FROM knn_graphs "
                + "ORDER BY created_at, name", rs -> {
                    while (rs.next()) {
                        out.add(info(rs));
                    }
                });
        return out;
    }

    public Optional<KnnGraphInfo> info(String name) {
        return list().stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** Stores {@code graph} under {@code info.name()}, replacing a graph of that name, in one transaction. */
    public void save(KnnGraphInfo info, KnnGraph graph) {
        int n = atlas.pointCount();
        if (graph.size() != n) {
            throw InvalidInputException.in("knn graph " + info.name()).problem("has " + graph.size()
                    + " points but the atlas has " + n);
        }
        if (info.k() != graph.k()) {
            throw InvalidInputException.in("knn graph " + info.name()).problem("describes k = " + info.k()
                    + " but holds k = " + graph.k());
        }
        int k = graph.k();
        int[] indices = graph.indices();
        float[] distances = graph.distances();
        atlas.inTransaction("saving knn graph " + info.name(), conn -> {
            delete(info.name());
            try (PreparedStatement p = conn.prepareStatement("INSERT INTO knn_graphs VALUES (?, ?, ?, ?, ?)")) {
                p.setString(1, info.name());
                p.setInt(2, k);
                p.setString(3, info.metric());
                p.setString(4, Json.write(info.parameters()));
                p.setObject(5, info.createdAt().atOffset(ZoneOffset.UTC));
                p.executeUpdate();
            }
            Schema schema = new Schema(List.of(ArrowColumns.intField("row_idx"),
                    ArrowColumns.intArrayField("neighbors", Math.max(k, 1)),
                    ArrowColumns.floatArrayField("distances", Math.max(k, 1))));
            int[] next = {0};
            if (k > 0) {
                ArrowInsert.run(conn, schema, root -> {
                    int rows = Math.min(BATCH, n - next[0]);
                    if (rows <= 0) {
                        return false;
                    }
                    long off = (long) next[0] * k;
                    ArrowColumns.setSequence((IntVector) root.getVector(0), next[0], rows);
                    ArrowColumns.setIntRows((FixedSizeListVector) root.getVector(1), indices, off, rows, k);
                    ArrowColumns.setFloatRows((FixedSizeListVector) root.getVector(2), distances, off, rows, k);
                    root.setRowCount(rows);
                    next[0] += rows;
                    return true;
                }, "INSERT INTO knn_neighbors SELECT " + Sql.literal(info.name()) + ", row_idx, "
                        + "CAST(neighbors AS INTEGER[]), CAST(distances AS FLOAT[]) FROM {stream}");
            }
            return null;
        });
    }

    /** Reads graph {@code name}. */
    public KnnGraph get(String name) {
        KnnGraphInfo info = info(name).orElseThrow(() -> InvalidInputException.in("knn graph")
                .problem("no graph named '" + name + "' in " + atlas.path()));
        int n = atlas.pointCount();
        int k = info.k();
        int[] indices = new int[Math.multiplyExact(n, k)];
        float[] distances = new float[indices.length];
        if (k == 0) {
            return KnnGraph.of(n, 0, indices, distances);
        }
        try {
            ArrowQuery.forEachBatch(atlas.connection(), "SELECT row_idx, CAST(neighbors AS INTEGER[" + k
                    + "]), CAST(distances AS FLOAT[" + k + "]) FROM knn_neighbors WHERE graph = "
                    + Sql.literal(name), BATCH, root -> {
                        IntVector idx = (IntVector) root.getVector(0);
                        int rows = root.getRowCount();
                        MemorySegment nb = ArrowColumns.rowData((FixedSizeListVector) root.getVector(1), rows, k, 4);
                        MemorySegment ds = ArrowColumns.rowData((FixedSizeListVector) root.getVector(2), rows, k, 4);
                        for (int i = 0; i < rows; i++) {
                            long src = (long) i * k * 4;
                            int dst = idx.get(i) * k;
                            MemorySegment.copy(nb, ValueLayout.JAVA_INT_UNALIGNED, src, indices, dst, k);
                            MemorySegment.copy(ds, ValueLayout.JAVA_FLOAT_UNALIGNED, src, distances, dst, k);
                        }
                    });
        } catch (SQLException e) {
            throw StoreException.wrap(atlas.path(), "reading knn graph " + name, e);
        }
        return KnnGraph.of(n, k, indices, distances);
    }

    private void delete(String name) throws SQLException {
        try (PreparedStatement a = atlas.connection().prepareStatement("DELETE FROM knn_neighbors WHERE graph = ?");
             PreparedStatement b = atlas.connection().prepareStatement("DELETE FROM knn_graphs WHERE name = ?")) {
            a.setString(1, name);
            a.executeUpdate();
            b.setString(1, name);
            b.executeUpdate();
        }
    }

    private static KnnGraphInfo info(ResultSet rs) throws SQLException {
        Object created = rs.getObject(5);
        java.time.Instant at = created instanceof OffsetDateTime odt ? odt.toInstant()
                : java.time.Instant.parse(created.toString());
        return new KnnGraphInfo(rs.getString(1), rs.getInt(2), rs.getString(3), Json.readObject(rs.getString(4)), at);
    }
}
