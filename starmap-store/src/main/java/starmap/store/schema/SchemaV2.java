/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.schema;

import java.util.List;

/**
 * Version 2: undo and redo. An undo or redo is appended to {@code annotation_reverts}, naming the
 * entry it reverts or reinstates; the log itself is never changed. An entry counts when its last
 * revert event (by sequence number) is not an undo — so undoing an edit puts its points back as the
 * other, still counting entries say, and an edit made later by someone else is never lost.
 */
final class SchemaV2 {
    static final List<String> STATEMENTS = List.of(
            """
            CREATE TABLE annotation_reverts (
                seq        BIGINT PRIMARY KEY DEFAULT nextval('annotation_seq'),
                created_at TIMESTAMPTZ NOT NULL,
                author     VARCHAR NOT NULL,
                target     BIGINT NOT NULL,
                undo       BOOLEAN NOT NULL)""",
            """
            CREATE VIEW annotations_in_effect AS
            SELECT a.* FROM annotations a
            WHERE coalesce((SELECT arg_max(r.undo, r.seq) FROM annotation_reverts r WHERE r.target = a.seq), false)
                  = false""",
            "DROP VIEW annotation_state",
            """
            CREATE VIEW annotation_state AS
            WITH events AS (
                SELECT seq, action, value, unnest(row_ids) AS row_idx FROM annotations_in_effect),
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

    private SchemaV2() {
    }
}
