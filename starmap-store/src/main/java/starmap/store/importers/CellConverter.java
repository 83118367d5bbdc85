/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import starmap.core.InvalidInputException;

/** Converts the text of a cell into a typed {@link ColumnData} slot. Empty text is null. */
final class CellConverter {
    private CellConverter() {
    }

    static void set(ColumnData col, int i, String s, String file, long line, String column) {
        if (s == null || s.isEmpty()) {
            col.setNull(i);
            return;
        }
        switch (col.type) {
            case VARCHAR -> col.setString(i, s);
            case BIGINT -> {
                if (!Cells.isInteger(s)) {
                    throw bad(file, line, column, s, "an integer");
                }
                col.setLong(i, Long.parseLong(s.startsWith("+") ? s.substring(1) : s));
            }
            case DOUBLE -> {
                if (!Cells.isNumber(s)) {
                    throw bad(file, line, column, s, "a number");
                }
                col.setDouble(i, Cells.parseNumber(s));
            }
            case BOOLEAN -> {
                if (!Cells.isBoolean(s)) {
                    throw bad(file, line, column, s, "true or false");
                }
                col.setBoolean(i, s.equalsIgnoreCase("true"));
            }
            case DATE -> {
                long d = Cells.parseDate(s);
                if (d == Long.MIN_VALUE) {
                    throw bad(file, line, column, s, "a date (YYYY-MM-DD)");
                }
                col.setLong(i, d);
            }
            case TIMESTAMP -> {
                long us = Cells.isDate(s) ? Cells.parseDate(s) * 86_400_000_000L : Cells.isTimestamp(s)
                        ? Cells.parseTimestamp(s) : Long.MIN_VALUE;
                if (us == Long.MIN_VALUE) {
                    throw bad(file, line, column, s, "a timestamp (YYYY-MM-DDTHH:MM:SS)");
                }
                col.setLong(i, us);
            }
        }
    }

    private static InvalidInputException bad(String file, long line, String column, String s, String expected) {
        String shown = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return InvalidInputException.in(file).line(line).column(column).problem("expected " + expected
                + ", found '" + shown + "'");
    }

    /** Parses one vector component written as text. */
    static float component(String s, String file, long line, String column) {
        if (s == null || s.isEmpty()) {
            throw InvalidInputException.in(file).line(line).column(column).problem("vector value is missing");
        }
        if (!Cells.isNumber(s)) {
            String shown = s.length() > 40 ? s.substring(0, 40) + "…" : s;
            throw InvalidInputException.in(file).line(line).column(column).problem("vector value '" + shown
                    + "' is not a number");
        }
        return VectorValues.toFloat(Cells.parseNumber(s), file, "line", line, column);
    }
}
