/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The list of migrations and the code that applies them.
 *
 * <p>Version 1 creates every table except {@code points}, whose columns depend on the imported data
 * and which the importer creates.
 */
public final class Migrations {
    /** Every migration, in order. Append here; never edit a released step. */
    public static final List<Migration> ALL = List.of(
            new Migration(1, "initial schema: info, sources, columns, knn graphs, layouts, annotations",
                    SchemaV1.STATEMENTS),
            new Migration(2, "undo and redo: annotation_reverts, annotations_in_effect", SchemaV2.STATEMENTS));

    private Migrations() {
    }

    /** The version this build writes and the newest it reads. */
    public static int current() {
        return ALL.getLast().version();
    }

    /**
     * Applies {@code steps} whose version is above {@code from}, in order, recording each in
     * {@code schema_history} and the final version in {@code atlas_info}. The caller owns the
     * transaction.
     */
    public static void apply(Connection c, List<Migration> steps, int from) throws SQLException {
        int expected = from + 1;
        for (Migration m : steps) {
            if (m.version() <= from) {
                continue;
            }
            if (m.version() != expected) {
                throw new IllegalStateException("migration " + m.version() + " follows " + (expected - 1));
            }
            try (Statement s = c.createStatement()) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO schema_history (version, applied_at, description) VALUES (?, ?, ?)")) {
                p.setInt(1, m.version());
                p.setObject(2, OffsetDateTime.now());
                p.setString(3, m.description());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT OR REPLACE INTO atlas_info (key, value) VALUES ('schema_version', ?)")) {
                p.setString(1, Integer.toString(m.version()));
                p.executeUpdate();
            }
            expected++;
        }
    }
}
