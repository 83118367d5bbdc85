/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.relations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import starmap.core.InvalidInputException;
import starmap.store.ColumnType;
import starmap.store.Sql;

/** A data file as a DuckDB table function, chosen by extension, and its columns. */
record Scan(Path file, String sql, Map<String, String> columns) {

    static Scan of(Connection conn, Path file, String option) throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw InvalidInputException.in(option).problem(file + " does not exist or is not a file");
        }
        String p = Sql.literal(file.toAbsolutePath().toString());
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.(gz|zst)$", "");
        String sql;
        if (name.endsWith(".csv")) {
            sql = "read_csv(" + p + ", header = true)";
        } else if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            sql = "read_csv(" + p + ", header = true, delim = '\\t')";
        } else if (name.endsWith(".parquet")) {
            sql = "read_parquet(" + p + ")";
        } else if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            sql = "read_json(" + p + ", format = 'newline_delimited')";
        } else {
            throw InvalidInputException.in(file.toString()).problem("unknown format; expected a .csv, .tsv, .parquet "
                    + "or .jsonl file");
        }
        Map<String, String> cols = new LinkedHashMap<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + sql)) {
            while (rs.next()) {
                cols.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw InvalidInputException.in(file.toString()).cause(e).problem("cannot be read: " + firstLine(e));
        }
        return new Scan(file, sql, cols);
    }

    /** The named column, or the column at {@code position} when none is named. */
    String column(Optional<String> named, int position, String option) {
        if (named.isPresent()) {
            if (!columns.containsKey(named.get())) {
                throw InvalidInputException.in(file.toString()).column(named.get()).problem("no such column (" + option
                        + "); the columns are " + String.join(", ", columns.keySet()));
            }
            return named.get();
        }
        if (columns.size() <= position) {
            throw InvalidInputException.in(file.toString()).problem("has " + columns.size() + " column(s); expected at "
                    + "least " + (position + 1) + " (or name them with " + option + ")");
        }
        return columns.keySet().stream().skip(position).findFirst().orElseThrow();
    }

    /** The Starmap type a DuckDB column type is stored as. */
    static ColumnType typeOf(String duck) {
        String t = duck.toUpperCase(Locale.ROOT);
        if (t.equals("BOOLEAN")) {
            return ColumnType.BOOLEAN;
        }
        if (t.matches("U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)")) {
            return ColumnType.BIGINT;
        }
        if (t.equals("FLOAT") || t.equals("DOUBLE") || t.startsWith("DECIMAL")) {
            return ColumnType.DOUBLE;
        }
        if (t.equals("DATE")) {
            return ColumnType.DATE;
        }
        if (t.startsWith("TIMESTAMP")) {
            return ColumnType.TIMESTAMP;
        }
        return ColumnType.VARCHAR;
    }

    static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
