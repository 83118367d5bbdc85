/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.exporters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import starmap.core.layout.LayoutManifest;
import starmap.store.Atlas;
import starmap.store.ColumnInfo;
import starmap.store.ColumnRole;
import starmap.store.Sql;

/**
 * Builds the SELECT behind an export: one row per point in row order with id, metadata, annotation
 * state, and optionally layout coordinates and vectors. Output names never clash with metadata names.
 */
final class ExportQuery {
    private final List<String> exprs = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Set<String> taken = new HashSet<>();
    private final StringBuilder from = new StringBuilder(" FROM points p LEFT JOIN annotation_state s USING (row_idx)");
    private String where = "";

    /** The metadata columns and annotation state; list-typed state as text when {@code flat}. */
    static ExportQuery base(Atlas atlas, boolean flat, boolean dropDeleted) {
        ExportQuery q = new ExportQuery();
        Optional<ColumnInfo> label = Optional.empty();
        for (ColumnInfo c : atlas.columns()) {
            q.add("p." + Sql.ident(c.name()), c.name());
            if (c.role() == ColumnRole.LABEL && label.isEmpty()) {
                label = Optional.of(c);
            }
        }
        q.add(label.map(l -> "coalesce(s.current_label, CAST(p." + Sql.ident(l.name()) + " AS VARCHAR))")
                .orElse("s.current_label"), "current_label");
        q.add(flat ? "nullif(array_to_string(coalesce(s.tags, []::VARCHAR[]), ';'), '')" : "coalesce(s.tags, []::VARCHAR[])", "tags");
        q.add("coalesce(s.deleted, false)", "deleted");
        if (dropDeleted) {
            q.where = " WHERE NOT coalesce(s.deleted, false)";
        }
        return q;
    }

    /**
     * Keeps only the points touched after sequence number {@code seq}: by an annotation, or by an undo
     * or redo of one (whose points are the target's).
     */
    void changedSince(long seq) {
        String touched = "p.row_idx IN (SELECT unnest(row_ids) FROM annotations WHERE seq > " + seq
                + " UNION SELECT unnest(a.row_ids) FROM annotation_reverts r JOIN annotations a ON a.seq = r.target"
                + " WHERE r.seq > " + seq + ")";
        where = where.isEmpty() ? " WHERE " + touched : where + " AND " + touched;
    }

    /** Adds the coordinates of a layout as x, y, z (dimension ≤ 3) or c0 … c{d-1}. */
    void addLayout(LayoutManifest m) {
        from.append(" JOIN layout_coords c ON c.row_idx = p.row_idx AND c.layout = ").append(Sql.literal(m.name()));
        String[] xyz = {"x", "y", "z"};
        for (int a = 0; a < m.dimension(); a++) {
            add("c.coords[" + (a + 1) + "]", m.dimension() <= 3 ? xyz[a] : "c" + a);
        }
    }

    /** Adds the vectors: one column per component ({@code flat}) or one list column. */
    void addVectors(int dim, boolean flat) {
        if (flat) {
            for (int j = 0; j < dim; j++) {
                add("p.vector[" + (j + 1) + "]", "vector_" + j);
            }
        } else {
            add("p.vector", "vector");
        }
    }

    private void add(String expr, String name) {
        String unique = name;
        for (int i = 1; !taken.add(unique.toLowerCase(Locale.ROOT)); i++) {
            unique = name + "_" + i;
        }
        exprs.add(expr + " AS " + Sql.ident(unique));
        names.add(unique);
    }

    List<String> names() {
        return names;
    }

    String sql() {
        return "SELECT " + String.join(", ", exprs) + from + where + " ORDER BY p.row_idx";
    }

    /** The row indices of the exported points, in order. */
    String rowsSql() {
        return "SELECT p.row_idx" + from + where + " ORDER BY p.row_idx";
    }

    String countSql() {
        return "SELECT count(*)" + from + where;
    }
}
