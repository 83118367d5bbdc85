/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.schema;

import java.util.List;

/** The statements of schema version 1. Documented table by table in docs/atlas-format.md. */
final class SchemaV1 {
    private SchemaV1() {
    }

    static final List<String> STATEMENTS = List.of(
            """
            CREATE TABLE atlas_info (
                key   VARCHAR PRIMARY KEY,
                value VARCHAR NOT NULL)""",
            """
            CREATE TABLE schema_history (
                version     INTEGER PRIMARY KEY,
                applied_at  TIMESTAMPTZ NOT NULL,
                description VARCHAR NOT NULL)""",
            """
            CREATE TABLE sources (
                position    INTEGER PRIMARY KEY,
                role        VARCHAR NOT NULL,
                path        VARCHAR NOT NULL,
                format      VARCHAR NOT NULL,
                first_row   BIGINT NOT NULL,
                row_count   BIGINT NOT NULL,
                bytes       BIGINT NOT NULL,
                imported_at TIMESTAMPTZ NOT NULL)""",
            """
            CREATE TABLE columns (
                name        VARCHAR PRIMARY KEY,
                position    INTEGER NOT NULL,
                type        VARCHAR NOT NULL,
                role        VARCHAR NOT NULL,
                source_name VARCHAR)""",
            """
            CREATE TABLE knn_graphs (
                name       VARCHAR PRIMARY KEY,
                k          INTEGER NOT NULL,
                metric     VARCHAR NOT NULL,
                parameters JSON NOT NULL,
                created_at TIMESTAMPTZ NOT NULL)""",
            """
            CREATE TABLE knn_neighbors (
                graph     VARCHAR NOT NULL,
                row_idx   INTEGER NOT NULL,
                neighbors INTEGER[] NOT NULL,
                distances FLOAT[] NOT NULL)""",
            """
            CREATE TABLE layouts (
                name       VARCHAR PRIMARY KEY,
                method     VARCHAR NOT NULL,
                dimension  INTEGER NOT NULL,
                parameters JSON NOT NULL,
                timings    JSON NOT NULL,
                metrics    JSON NOT NULL,
                created_at TIMESTAMPTZ NOT NULL)""",
            """
            CREATE TABLE layout_coords (
                layout  VARCHAR NOT NULL,
                row_idx INTEGER NOT NULL,
                coords  FLOAT[] NOT NULL)""",
            "CREATE SEQUENCE annotation_seq START 1",
            """
            CREATE TABLE annotations (
                seq     BIGINT PRIMARY KEY DEFAULT nextval('annotation_seq'),
                created_at TIMESTAMPTZ NOT NULL,
                author  VARCHAR NOT NULL,
                action  VARCHAR NOT NULL
                        CHECK (action IN ('tag', 'untag', 'relabel', 'delete', 'restore')),
                value   VARCHAR,
                row_ids INTEGER[] NOT NULL,
                note    VARCHAR)""",
            // The state every point is in after replaying the log: the last relabel wins, the last of
            // delete/restore decides the flag, and a tag is present when its last event was 'tag'.
            """
            CREATE VIEW annotation_state AS
            WITH events AS (
                SELECT seq, action, value, unnest(row_ids) AS row_idx FROM annotations),
            labels AS (
                SELECT row_idx, arg_max(value, seq) AS current_label
                FROM events WHERE action = 'relabel' GROUP BY row_idx),
            deletions AS (
                SELECT row_idx, arg_max(action, seq) = 'delete' AS deleted
                FROM events WHERE action IN ('delete', 'restore') GROUP BY row_idx),
            tag_events AS (
                SELECT row_idx, value AS tag, arg_max(action, seq) AS last_action
                FROM events WHERE action IN ('tag', 'untag') GROUP BY row_idx, value),
            tags AS (
                SELECT row_idx, list(tag ORDER BY tag) AS tags
                FROM tag_events WHERE last_action = 'tag' GROUP BY row_idx),
            touched AS (SELECT DISTINCT row_idx FROM events)
            SELECT t.row_idx, l.current_label, coalesce(d.deleted, false) AS deleted,
                   coalesce(g.tags, []::VARCHAR[]) AS tags
            FROM touched t
            LEFT JOIN labels l USING (row_idx)
            LEFT JOIN deletions d USING (row_idx)
            LEFT JOIN tags g USING (row_idx)""");
}
