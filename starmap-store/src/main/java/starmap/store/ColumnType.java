/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store;

import java.util.Locale;

/**
 * The types a metadata column can have. Sources with richer types are widened: every integer width
 * becomes {@link #BIGINT}, float and double {@link #DOUBLE}, anything else {@link #VARCHAR}.
 */
public enum ColumnType {
    BOOLEAN("BOOLEAN"),
    BIGINT("BIGINT"),
    DOUBLE("DOUBLE"),
    VARCHAR("VARCHAR"),
    /** Days since 1970-01-01. */
    DATE("DATE"),
    /** Microseconds since 1970-01-01T00:00Z, without a zone. */
    TIMESTAMP("TIMESTAMP");

    private final String sql;

    ColumnType(String sql) {
        this.sql = sql;
    }

    /** The DuckDB type name. */
    public String sql() {
        return sql;
    }

    /** The narrowest type that holds values of both types. */
    public ColumnType widen(ColumnType other) {
        if (this == other) {
            return this;
        }
        if ((this == BIGINT && other == DOUBLE) || (this == DOUBLE && other == BIGINT)) {
            return DOUBLE;
        }
        if ((this == DATE && other == TIMESTAMP) || (this == TIMESTAMP && other == DATE)) {
            return TIMESTAMP;
        }
        return VARCHAR;
    }

    /** Parses a stored type name. */
    public static ColumnType fromSql(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
