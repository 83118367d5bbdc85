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
