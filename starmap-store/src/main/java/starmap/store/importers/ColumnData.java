/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import starmap.store.ColumnType;

/**
 * One column of a {@link Batch}: a typed array plus null flags. DATE values are days since the epoch
 * and TIMESTAMP values microseconds since the epoch, both in {@link #longs}.
 */
final class ColumnData {
    final ColumnType type;
    final boolean[] nulls;
    long[] longs;
    double[] doubles;
    String[] strings;
    boolean[] bools;

    ColumnData(ColumnType type, int capacity) {
        this.type = type;
        this.nulls = new boolean[capacity];
        switch (type) {
            case BIGINT, DATE, TIMESTAMP -> longs = new long[capacity];
            case DOUBLE -> doubles = new double[capacity];
            case VARCHAR -> strings = new String[capacity];
            case BOOLEAN -> bools = new boolean[capacity];
        }
    }

    void setNull(int i) {
        nulls[i] = true;
    }

    void setLong(int i, long v) {
        nulls[i] = false;
        longs[i] = v;
    }

    void setDouble(int i, double v) {
        nulls[i] = false;
        doubles[i] = v;
    }

    void setString(int i, String v) {
        nulls[i] = v == null;
        strings[i] = v;
    }

    void setBoolean(int i, boolean v) {
        nulls[i] = false;
        bools[i] = v;
    }

    /** The value at {@code i} as text, for ids and messages. */
    String text(int i) {
        if (nulls[i]) {
            return null;
        }
        return switch (type) {
            case BIGINT -> Long.toString(longs[i]);
            case DOUBLE -> Double.toString(doubles[i]);
            case VARCHAR -> strings[i];
            case BOOLEAN -> Boolean.toString(bools[i]);
            case DATE -> java.time.LocalDate.ofEpochDay(longs[i]).toString();
            case TIMESTAMP -> java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(longs[i], 1_000_000L),
                    (int) Math.floorMod(longs[i], 1_000_000L) * 1000, java.time.ZoneOffset.UTC).toString();
        };
    }
}
