/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import starmap.store.ColumnType;

/**
 * Infers a text column's type from every value it sees: the narrowest of BOOLEAN, BIGINT, DOUBLE, DATE,
 * TIMESTAMP that fits all non-empty values, else VARCHAR. Also notes whether every value is a list of
 * numbers (a vector in one cell) and whether every value names an image file.
 */
final class TypeGuess {
    private boolean bool = true;
    private boolean integer = true;
    private boolean number = true;
    private boolean date = true;
    private boolean timestamp = true;
    private boolean list = true;
    private boolean images = true;
    private boolean seen;

    /** Records one cell; empty means null. */
    void observe(String s) {
        if (s == null || s.isEmpty()) {
            return;
        }
        seen = true;
        bool = bool && Cells.isBoolean(s);
        integer = integer && Cells.isInteger(s);
        number = number && (integer || Cells.isNumber(s));
        date = date && !number && Cells.isDate(s);
        timestamp = timestamp && !number && (date || Cells.isTimestamp(s));
        images = images && Cells.isImagePath(s);
        if (list) {
            String[] parts = Cells.splitList(s);
            list = parts != null && (s.indexOf('[') >= 0 || parts.length > 1) && allNumbers(parts);
        }
    }

    private static boolean allNumbers(String[] parts) {
        for (String p : parts) {
            if (!Cells.isNumber(p)) {
                return false;
            }
        }
        return true;
    }

    /** Records a value of a known type (from JSON). */
    void observeTyped(ColumnType t) {
        seen = true;
        bool = bool && t == ColumnType.BOOLEAN;
        integer = integer && t == ColumnType.BIGINT;
        number = number && (t == ColumnType.BIGINT || t == ColumnType.DOUBLE);
        date = false;
        timestamp = false;
        images = false;
        list = false;
    }

    /** Records a JSON array of numbers. */
    void observeNumberArray() {
        seen = true;
        bool = integer = number = date = timestamp = images = false;
    }

    ColumnType type() {
        if (!seen) {
            return ColumnType.VARCHAR;
        }
        if (bool) {
            return ColumnType.BOOLEAN;
        }
        if (integer) {
            return ColumnType.BIGINT;
        }
        if (number) {
            return ColumnType.DOUBLE;
        }
        if (date) {
            return ColumnType.DATE;
        }
        if (timestamp) {
            return ColumnType.TIMESTAMP;
        }
        return ColumnType.VARCHAR;
    }

    /** Every non-empty value was a list of numbers (and there was at least one). */
    boolean isNumberList() {
        return seen && list;
    }

    /** Every non-empty value looked like an image file name. */
    boolean isImagePaths() {
        return seen && images && type() == ColumnType.VARCHAR;
    }
}
