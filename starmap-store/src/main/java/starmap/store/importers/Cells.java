/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Recognising and converting the text of one cell. */
final class Cells {
    private Cells() {
    }

    static boolean isBoolean(String s) {
        return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false");
    }

    /** An optional sign and digits that fit a long. */
    static boolean isInteger(String s) {
        int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        if (i == s.length() || s.length() > 20) {
            return false;
        }
        for (int j = i; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        if (s.length() < 19) {
            return true;
        }
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A decimal number ({@code -1.5e3}, {@code .5}) or nan / inf / infinity with an optional sign. */
    static boolean isNumber(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        String rest = s.substring(i).toLowerCase(Locale.ROOT);
        if (rest.equals("nan") || rest.equals("inf") || rest.equals("infinity")) {
            return true;
        }
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exp = 0;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** Parses a number accepted by {@link #isNumber}. */
    static double parseNumber(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        if (body.equals("nan")) {
            return Double.NaN;
        }
        if (body.equals("inf") || body.equals("infinity")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(s);
    }

    static boolean isDate(String s) {
        return s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-' && parseDate(s) != Long.MIN_VALUE;
    }

    /** Days since the epoch, or {@code Long.MIN_VALUE} when {@code s} is not an ISO date. */
    static long parseDate(String s) {
        try {
            return LocalDate.parse(s).toEpochDay();
        } catch (DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }

    static boolean isTimestamp(String s) {
        return s.length() >= 16 && s.charAt(4) == '-' && (s.charAt(10) == 'T' || s.charAt(10) == ' ')
                && parseTimestamp(s) != Long.MIN_VALUE;
    }

    /**
     * Microseconds since the epoch for an ISO date-time ({@code T} or space between date and time,
     * optional offset, converted to UTC), or {@code Long.MIN_VALUE}.
     */
    static long parseTimestamp(String s) {
        String t = s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            LocalDateTime ldt;
            char last = t.charAt(t.length() - 1);
            if (last == 'Z' || t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10) {
                ldt = OffsetDateTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            } else {
                ldt = LocalDateTime.parse(t);
            }
            return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), ldt);
        } catch (DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }

    /** Whether {@code s} ends like an image file name. */
    static boolean isImagePath(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        return t.endsWith(".png") || t.endsWith(".jpg") || t.endsWith(".jpeg") || t.endsWith(".gif")
                || t.endsWith(".webp") || t.endsWith(".bmp") || t.endsWith(".tif") || t.endsWith(".tiff");
    }

    /**
     * Splits a vector written in one cell: numbers separated by commas, semicolons or whitespace,
     * optionally inside [ ] or ( ). Returns null when {@code s} is not such a list.
     */
    static String[] splitList(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.charAt(0) == '[' && t.charAt(t.length() - 1) == ']'
                || t.charAt(0) == '(' && t.charAt(t.length() - 1) == ')')) {
            t = t.substring(1, t.length() - 1).strip();
        }
        if (t.isEmpty()) {
            return null;
        }
        return t.split("[,;\\s]+");
    }
}
