/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import starmap.core.InvalidInputException;

/**
 * Splits CSV/TSV records (RFC 4180: fields may be quoted with {@code "}, quotes inside doubled, and
 * quoted fields may span lines). Blank lines are skipped.
 */
final class CsvTokenizer implements AutoCloseable {
    private final LineSource lines;
    private final String source;
    private final char delimiter;
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private long recordLine;

    CsvTokenizer(LineSource lines, String source, char delimiter) {
        this.lines = lines;
        this.source = source;
        this.delimiter = delimiter;
    }

    /** The line the last record started on. */
    long recordLine() {
        return recordLine;
    }

    /** The fields of the next record (a reused list), or null at the end. */
    List<String> next() throws IOException {
        String line;
        do {
            line = lines.next();
            if (line == null) {
                return null;
            }
        } while (line.isEmpty());
        recordLine = lines.lineNumber();
        fields.clear();
        if (line.indexOf('"') < 0) {
            split(line);
            return fields;
        }
        parseQuoted(line);
        return fields;
    }

    private void split(String line) {
        int from = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == delimiter) {
                fields.add(line.substring(from, i));
                from = i + 1;
            }
        }
        fields.add(line.substring(from));
    }

    private void parseQuoted(String first) throws IOException {
        String line = first;
        int i = 0;
        field.setLength(0);
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (i == line.length()) {
                if (!quoted) {
                    fields.add(field.toString());
                    return;
                }
                line = lines.next();
                if (line == null) {
                    throw InvalidInputException.in(source).line(recordLine)
                            .problem("a quoted field opened here is never closed");
                }
                field.append('\n');
                i = 0;
                continue;
            }
            char c = line.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < line.length() && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
