/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Input a user supplied is wrong: a file, a row of a file, a column, or a parameter. The message
 * always starts with where the problem is, so it can be shown as it is:
 * {@code "points.csv: line 7, column 'label': expected 4 fields, found 3"}.
 *
 * <p>Rows and lines are 1-based, as an editor shows them. The {@code unit} says what was counted
 * ("row", "line", "record", "vector").
 */
public class InvalidInputException extends StarmapException {
    private final String source;
    private final String unit;
    private final Long position;
    private final String column;
    private final String problem;

    protected InvalidInputException(Builder b) {
        super(format(b), b.cause);
        this.source = b.source;
        this.unit = b.unit;
        this.position = b.position.isPresent() ? b.position.getAsLong() : null;
        this.column = b.column;
        this.problem = b.problem;
    }

    /** Starts an exception about {@code source}: a file name or a parameter name. */
    public static Builder in(String source) {
        return new Builder(source);
    }

    /** The file or parameter at fault. */
    public String source() {
        return source;
    }

    /** The 1-based row, line or record within the source, if known. */
    public OptionalLong position() {
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    /** What {@link #position()} counts: "row", "line", "record", "vector". */
    public String unit() {
        return unit;
    }

    /** The column at fault, if any. */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }

    /** The problem without the location prefix. */
    public String problem() {
        return problem;
    }

    private static String format(Builder b) {
        StringBuilder s = new StringBuilder(b.source);
        String sep = ": ";
        if (b.position.isPresent()) {
            s.append(sep).append(b.unit).append(' ').append(b.position.getAsLong());
            sep = ", ";
        }
        if (b.column != null) {
            s.append(sep).append("column '").append(b.column).append('\'');
        }
        return s.append(": ").append(b.problem).toString();
    }

    /** Collects the location, then {@link #problem(String)} builds the exception. */
    public static final class Builder {
        private final String source;
        private String unit = "row";
        private OptionalLong position = OptionalLong.empty();
        private String column;
        private String problem;
        private Throwable cause;

        private Builder(String source) {
            this.source = source;
        }

        /** A 1-based row. */
        public Builder row(long row) {
            return at("row", row);
        }

        /** A 1-based line of a text file. */
        public Builder line(long line) {
            return at("line", line);
        }

        /** A 1-based position counted in {@code unit}s. */
        public Builder at(String unit, long position) {
            this.unit = unit;
            this.position = OptionalLong.of(position);
            return this;
        }

        public Builder column(String column) {
            this.column = column;
            return this;
        }

        public Builder cause(Throwable cause) {
            this.cause = cause;
            return this;
        }

        public InvalidInputException problem(String problem) {
            return new InvalidInputException(describe(problem));
        }

        /** Sets the problem and returns the builder, for subclasses' constructors. */
        protected Builder describe(String problem) {
            this.problem = problem;
            return this;
        }
    }
}
