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
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.pojo.Schema;
import starmap.core.InvalidInputException;
import starmap.core.layout.Embedding;
import starmap.core.layout.Layout;
import starmap.core.layout.LayoutManifest;
import starmap.core.vectors.DenseVectors;
import starmap.store.arrow.ArrowColumns;
import starmap.store.arrow.ArrowInsert;
import starmap.store.arrow.ArrowQuery;

/**
 * The layouts of an atlas: table {@code layouts} (manifest) and {@code layout_coords} (one row per
 * point, {@code coords FLOAT[]}).
 */
public final class LayoutStore {
    private static final int BATCH = 32_768;
    private final Atlas atlas;

    LayoutStore(Atlas atlas) {
        this.atlas = atlas;
    }

    /** Manifests of all layouts, oldest first. */
    public List<LayoutManifest> list() {
        List<LayoutManifest> out = new ArrayList<>();
        atlas.query("listing layouts", "SELECT name, method, dimension, parameters, timings, metrics, "
                + "created_at FROM layouts ORDER BY created_at, name", rs -> {
                    while (rs.next()) {
                        out.add(manifest(rs));
                    }
                });
        return out;
    }

    /** The manifest of layout {@code name}, if it exists. */
    public Optional<LayoutManifest> manifest(String name) {
        return list().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * Stores a layout in one transaction.
     *
     * @throws InvalidInputException when the name is taken and {@code replace} is false, or when the
     *         layout does not have one row per point
     */
    public void save(Layout layout, boolean replace) {
        LayoutManifest m = layout.manifest();
        int n = atlas.pointCount();
        if (layout.size() != n) {
            throw InvalidInputException.in("layout " + m.name()).problem("has " + layout.size()
                    + " points but the atlas has " + n);
        }
        if (!replace && manifest(m.name()).isPresent()) {
            throw InvalidInputException.in("layout " + m.name()).problem("already exists in " + atlas.path());
        }
        float[] coords = layout.coordinates().toArray();
        int dim = m.dimension();
        atlas.inTransaction("saving layout " + m.name(), conn -> {
            deleteRows(m.name());
            try (PreparedStatement p = conn.prepareStatement("INSERT INTO layouts VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, m.name());
                p.setString(2, m.method());
                p.setInt(3, dim);
                p.setString(4, Json.write(m.parameters()));
                p.setString(5, Json.writeTimings(m.timings()));
                p.setString(6, Json.write(m.metrics()));
                p.setObject(7, m.createdAt().atOffset(ZoneOffset.UTC));
                p.executeUpdate();
            }
            Schema schema = new Schema(List.of(ArrowColumns.intField("row_idx"),
                    ArrowColumns.floatArrayField("coords", dim)));
            int[] next = {0};
            ArrowInsert.run(conn, schema, root -> {
                int rows = Math.min(BATCH, n - next[0]);
                if (rows <= 0) {
                    return false;
                }
                ArrowColumns.setSequence((IntVector) root.getVector(0), next[0], rows);
                ArrowColumns.setFloatRows((FixedSizeListVector) root.getVector(1), coords,
                        (long) next[0] * dim, rows, dim);
                root.setRowCount(rows);
                next[0] += rows;
                return true;
            }, "INSERT INTO layout_coords SELECT " + Sql.literal(m.name())
                    + ", row_idx, CAST(coords AS FLOAT[]) FROM {stream}");
            return null;
        });
    }

    /** Reads layout {@code name} with its coordinates. */
    public Layout get(String name) {
        LayoutManifest m = manifest(name).orElseThrow(() -> InvalidInputException.in("--layout")
                .problem("no layout named '" + name + "' in " + atlas.path() + "; layouts: " + names()));
        int n = atlas.pointCount();
        int dim = m.dimension();
        float[] coords = new float[Math.multiplyExact(n, dim)];
        try {
            ArrowQuery.forEachBatch(atlas.connection(), "SELECT row_idx, CAST(coords AS FLOAT[" + dim
                    + "]) FROM layout_coords WHERE layout = " + Sql.literal(name), BATCH, root -> {
                        IntVector idx = (IntVector) root.getVector(0);
                        int rows = root.getRowCount();
                        MemorySegment data = ArrowColumns.rowData((FixedSizeListVector) root.getVector(1), rows, dim, 4);
                        for (int i = 0; i < rows; i++) {
                            MemorySegment.copy(data, ValueLayout.JAVA_FLOAT_UNALIGNED, (long) i * dim * Float.BYTES,
                                    coords, idx.get(i) * dim, dim);
                        }
                    });
        } catch (SQLException e) {
            throw StoreException.wrap(atlas.path(), "reading layout " + name, e);
        }
        return new Layout(m, Embedding.of(dim, coords));
    }

    /** A stored layout's coordinates as vectors (a chain's input, or the space of queries); the caller closes them. */
    public DenseVectors asVectors(String name) {
        Embedding e = get(name).coordinates();
        return DenseVectors.wrap(e.toArray(), e.size(), e.dimension());
    }

    /** The layout of most dimensions: the space of an atlas without vectors (an atlas of relations). */
    public Optional<String> widest() {
        return list().stream().max(java.util.Comparator.comparingInt(LayoutManifest::dimension))
                .map(LayoutManifest::name);
    }

    /** Replaces the metrics of layout {@code name} with {@code metrics} merged over the old ones. */
    public void updateMetrics(String name, Map<String, Double> metrics) {
        LayoutManifest m = manifest(name).orElseThrow(() -> InvalidInputException.in("--layout")
                .problem("no layout named '" + name + "'"));
        atlas.inTransaction("updating metrics of " + name, conn -> {
            try (PreparedStatement p = conn.prepareStatement("UPDATE layouts SET metrics = ? WHERE name = ?")) {
                p.setString(1, Json.write(m.withMetrics(metrics).metrics()));
                p.setString(2, name);
                return p.executeUpdate();
            }
        });
    }

    /** Deletes layout {@code name}; returns whether it existed. */
    public boolean delete(String name) {
        return atlas.inTransaction("deleting layout " + name, conn -> deleteRows(name) > 0);
    }

    private int deleteRows(String name) throws SQLException {
        try (PreparedStatement a = atlas.connection().prepareStatement("DELETE FROM layout_coords WHERE layout = ?");
             PreparedStatement b = atlas.connection().prepareStatement("DELETE FROM layouts WHERE name = ?")) {
            a.setString(1, name);
            a.executeUpdate();
            b.setString(1, name);
            return b.executeUpdate();
        }
    }

    private String names() {
        List<String> names = list().stream().map(LayoutManifest::name).toList();
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static LayoutManifest manifest(ResultSet rs) throws SQLException {
        Object created = rs.getObject(7);
        java.time.Instant at = created instanceof OffsetDateTime odt ? odt.toInstant()
                : created instanceof Timestamp ts ? ts.toInstant() : java.time.Instant.parse(created.toString());
        return new LayoutManifest(rs.getString(1), rs.getString(2), rs.getInt(3), Json.readObject(rs.getString(4)),
                Json.readTimings(rs.getString(5)), Json.readMetrics(rs.getString(6)), at);
    }
}
