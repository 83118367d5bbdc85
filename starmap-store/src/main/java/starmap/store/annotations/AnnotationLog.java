/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.annotations;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import starmap.core.InvalidParameterException;
import starmap.store.Atlas;
import starmap.store.StoreException;

/**
 * The annotation log of one atlas. {@link #append} adds one entry in one statement, so concurrent
 * writers never lose each other's entries; nothing here updates or deletes an entry.
 */
public final class AnnotationLog {
    private final Atlas atlas;

    public AnnotationLog(Atlas atlas) {
        this.atlas = atlas;
    }

    /**
     * Appends an entry and returns it with its sequence number.
     *
     * @param value the tag or label for {@code TAG}, {@code UNTAG}, {@code RELABEL}; null otherwise
     * @param rows  row indices of the points; duplicates are dropped
     */
    public Annotation append(String author, AnnotationAction action, String value, int[] rows, String note) {
        InvalidParameterException.require(author != null && !author.isBlank(), "author", "non-blank", author);
        InvalidParameterException.require(action.takesValue() == (value != null && !value.isEmpty()), "value",
                action.takesValue() ? "a non-empty tag or label for " + action.sql() : "absent for " + action.sql(),
                value);
        int[] sorted = Arrays.stream(rows).sorted().distinct().toArray();
        InvalidParameterException.require(sorted.length > 0, "rows", "at least one row", "none");
        int n = atlas.pointCount();
        InvalidParameterException.require(sorted[0] >= 0 && sorted[sorted.length - 1] < n, "rows",
                "row indices in [0, " + n + ")", "[" + sorted[0] + " … " + sorted[sorted.length - 1] + "]");
        return atlas.inTransaction("appending an annotation", conn -> {
            try (PreparedStatement p = conn.prepareStatement("INSERT INTO annotations (created_at, author, action, value, "
                    + "row_ids, note) VALUES (?, ?, ?, ?, ?, ?) RETURNING seq, created_at")) {
                p.setObject(1, OffsetDateTime.now());
                p.setString(2, author);
                p.setString(3, action.sql());
                p.setString(4, value);
                p.setArray(5, conn.createArrayOf("INTEGER", Arrays.stream(sorted).boxed().toArray()));
                p.setString(6, note);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return new Annotation(rs.getLong(1), ((OffsetDateTime) rs.getObject(2)).toInstant(), author,
                            action, Optional.ofNullable(value), sorted, Optional.ofNullable(note));
                }
            }
        });
    }

    /**
     * Undoes entry {@code target}: its points go back to what the other entries in effect say, and a
     * later entry by anyone else stays in effect. Appended as a revert event, never by changing the log.
     *
     * @throws InvalidParameterException when there is no such entry or it is already undone
     */
    public long undo(String author, long target) {
        return revert(author, target, true);
    }

    /** Reinstates an undone entry {@code target}. */
    public long redo(String author, long target) {
        return revert(author, target, false);
    }

    private long revert(String author, long target, boolean undo) {
        InvalidParameterException.require(author != null && !author.isBlank(), "author", "non-blank", author);
        return atlas.inTransaction(undo ? "undoing an annotation" : "redoing an annotation", conn -> {
            Boolean inEffect = null;
            try (PreparedStatement p = conn.prepareStatement("SELECT a.seq IN (SELECT seq FROM annotations_in_effect) "
                    + "FROM annotations a WHERE a.seq = ?")) {
                p.setLong(1, target);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        inEffect = rs.getBoolean(1);
                    }
                }
            }
            InvalidParameterException.require(inEffect != null, "seq", "the number of an entry of the log",
                    Long.toString(target));
            InvalidParameterException.require(inEffect == undo, "seq", undo ? "an entry in effect (this one is "
                    + "already undone)" : "an undone entry (this one is in effect)", Long.toString(target));
            try (PreparedStatement p = conn.prepareStatement("INSERT INTO annotation_reverts (created_at, author, "
                    + "target, undo) VALUES (?, ?, ?, ?) RETURNING seq")) {
                p.setObject(1, OffsetDateTime.now());
                p.setString(2, author);
                p.setLong(3, target);
                p.setBoolean(4, undo);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** An entry of the log and whether it counts now (false once undone, true again once redone). */
    public record Entry(Annotation annotation, boolean inEffect) {
    }

    /** Every entry with {@code seq > after}, in order, with whether it is in effect. */
    public List<Entry> history(long after) {
        List<Entry> out = new ArrayList<>();
        atlas.query("reading annotations", "SELECT seq, created_at, author, action, value, row_ids, note, "
                + "seq IN (SELECT seq FROM annotations_in_effect) FROM annotations WHERE seq > " + after
                + " ORDER BY seq", rs -> {
                    while (rs.next()) {
                        out.add(new Entry(read(rs), rs.getBoolean(8)));
                    }
                });
        return out;
    }

    /** The sequence number of the newest change to the log (an entry, an undo or a redo); 0 when none. */
    public long version() {
        long[] v = new long[1];
        atlas.query("reading the log's version", "SELECT greatest((SELECT coalesce(max(seq), 0) FROM annotations), "
                + "(SELECT coalesce(max(seq), 0) FROM annotation_reverts))", rs -> {
                    rs.next();
                    v[0] = rs.getLong(1);
                });
        return v[0];
    }

    /** Every entry with {@code seq > after}, in order. */
    public List<Annotation> since(long after) {
        List<Annotation> out = new ArrayList<>();
        atlas.query("reading annotations", "SELECT seq, created_at, author, action, value, row_ids, note FROM annotations "
                + "WHERE seq > " + after + " ORDER BY seq", rs -> {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                });
        return out;
    }

    /** The whole log, in order. */
    public List<Annotation> all() {
        return since(0);
    }

    /** The state of every annotated point, by row index. Rows not in the map are untouched. */
    public Map<Integer, PointState> states() {
        Map<Integer, PointState> out = new HashMap<>();
        atlas.query("reading annotation state", "SELECT row_idx, current_label, deleted, tags FROM annotation_state",
                rs -> {
                    while (rs.next()) {
                        Object[] tags = (Object[]) rs.getArray(4).getArray();
                        out.put(rs.getInt(1), new PointState(Optional.ofNullable(rs.getString(2)), rs.getBoolean(3),
                                Arrays.stream(tags).map(String::valueOf).toList()));
                    }
                });
        return out;
    }

    private static Annotation read(ResultSet rs) throws SQLException {
        Array arr = rs.getArray(6);
        Object[] boxed = (Object[]) arr.getArray();
        int[] rows = new int[boxed.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = ((Number) boxed[i]).intValue();
        }
        Object at = rs.getObject(2);
        if (!(at instanceof OffsetDateTime odt)) {
            throw new StoreException("unexpected timestamp type " + at.getClass(), null);
        }
        return new Annotation(rs.getLong(1), odt.toInstant(), rs.getString(3),
                AnnotationAction.fromSql(rs.getString(4)), Optional.ofNullable(rs.getString(5)), rows,
                Optional.ofNullable(rs.getString(7)));
    }
}
