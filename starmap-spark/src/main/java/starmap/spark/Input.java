/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import starmap.core.InvalidInputException;

/**
 * The collections as rows (a: collection, b: item id, w: weight, t: time, x: attribute), read and checked
 * like the single-machine importer reads them: item ids are BIGINT when the column is integral, else
 * VARCHAR; a timestamp or date is seconds since 1970 (UTC); a row with no collection, no item, or a weight,
 * time or attribute that is not a finite number (weights also not negative) stops the job with the input,
 * the row and the column named. The row is counted in Spark's read order, which for a single file is the
 * file's (data rows from 1, as the local importer counts); for a directory of files it is not file by file.
 */
final class Input {
    /** A Spark SQL condition that value ? is NaN or infinite. */
    private static final String NOT_FINITE = "isnan(?) OR ? = double('inf') OR ? = double('-inf')";

    final Dataset<Row> rows;
    final String collectionColumn;
    final String itemColumn;
    final boolean numericIds;
    final boolean weighted;
    final boolean timed;
    final boolean attributed;

    private Input(Dataset<Row> rows, String collectionColumn, String itemColumn, boolean numericIds, boolean weighted,
            boolean timed, boolean attributed) {
        this.rows = rows;
        this.collectionColumn = collectionColumn;
        this.itemColumn = itemColumn;
        this.numericIds = numericIds;
        this.weighted = weighted;
        this.timed = timed;
        this.attributed = attributed;
    }

    static Input read(SparkSession spark, JobOptions o) {
        Dataset<Row> src;
        try {
            src = switch (format(o)) {
                case "parquet" -> spark.read().parquet(o.input());
                case "csv" -> spark.read().option("header", "true").option("inferSchema", "true").csv(o.input());
                case "tsv" -> spark.read().option("header", "true").option("inferSchema", "true").option("sep", "\t")
                        .csv(o.input());
                default -> spark.read().json(o.input());
            };
        } catch (RuntimeException e) {
            throw InvalidInputException.in(o.input()).cause(e).problem("cannot be read: " + firstLine(e));
        }
        List<String> names = Arrays.asList(src.columns());
        String a = column(names, o.collectionColumn(), 0, "--collection-column", o);
        String b = column(names, o.itemColumn(), 1, "--item-column", o);
        Optional<String> w = o.weightColumn().isPresent()
                ? Optional.of(column(names, o.weightColumn(), -1, "--weight-column", o))
                : names.contains("weight") ? Optional.of("weight") : Optional.empty();
        DataType itemType = src.schema().apply(b).dataType();
        boolean numeric = itemType == DataTypes.LongType || itemType == DataTypes.IntegerType
                || itemType == DataTypes.ShortType || itemType == DataTypes.ByteType;
        List<Column> cols = new ArrayList<>();
        // each check: the condition of a bad row, the column to name, the problem
        List<String[]> checks = new ArrayList<>();
        // binary ids (Parquet BINARY without a string annotation) compare by value only as text; hex keeps
        // their byte order
        cols.add(src.schema().apply(a).dataType() == DataTypes.BinaryType ? hex(col(q(a))).as("a") : col(q(a)).as("a"));
        checks.add(new String[] {"a IS NULL", a, "is empty; every row needs a collection"});
        cols.add(col(q(b)).cast(numeric ? DataTypes.LongType : DataTypes.StringType).as("b"));
        checks.add(new String[] {"b IS NULL", b, "is empty; every row needs an item"});
        if (w.isPresent()) {
            cols.add(col(q(w.get())).try_cast(DataTypes.DoubleType).as("w"));
            cols.add(col(q(w.get())).isNull().as("w_null"));
            checks.add(new String[] {"w_null OR w IS NULL OR " + NOT_FINITE.replace("?", "w") + " OR w < 0", w.get(),
                "is not a finite number >= 0: weights must be"});
        }
        if (o.timeColumn().isPresent()) {
            String t = column(names, o.timeColumn(), -1, "--time-column", o);
            DataType type = src.schema().apply(t).dataType();
            Column seconds = type == DataTypes.TimestampType || type == DataTypes.TimestampNTZType
                    ? unix_micros(col(q(t)).cast(DataTypes.TimestampType)).divide(1e6)
                    : type == DataTypes.DateType ? unix_date(col(q(t))).multiply(86400.0)
                    : col(q(t)).try_cast(DataTypes.DoubleType);
            cols.add(seconds.cast(DataTypes.DoubleType).as("t"));
            checks.add(new String[] {"t IS NULL OR " + NOT_FINITE.replace("?", "t"), t, "is not a timestamp or a number"});
        }
        if (o.attributeColumn().isPresent()) {
            String x = column(names, o.attributeColumn(), -1, "--attribute-column", o);
            cols.add(col(q(x)).try_cast(DataTypes.DoubleType).as("x"));
            checks.add(new String[] {"x IS NULL OR " + NOT_FINITE.replace("?", "x"), x, "is not a finite number"});
        }
        Dataset<Row> rows = src.select(cols.toArray(Column[]::new));
        check(rows, checks, o);
        rows = rows.drop("w_null");
        if (w.isPresent()) {
            rows = rows.withColumn("w", col("w").cast(DataTypes.FloatType));
        }
        return new Input(rows, a, b, numeric, w.isPresent(), o.timeColumn().isPresent(), o.attributeColumn().isPresent());
    }

    /** One pass finds the first bad row of each kind; only when there is one, two more count and locate it. */
    private static void check(Dataset<Row> rows, List<String[]> checks, JobOptions o) {
        Dataset<Row> numbered = rows.withColumn("rid", monotonically_increasing_id());
        Column[] firsts = checks.stream().map(c -> min(when(expr(c[0]), col("rid")))).toArray(Column[]::new);
        Row first = numbered.agg(firsts[0], Arrays.copyOfRange(firsts, 1, firsts.length)).first();
        for (int i = 0; i < checks.size(); i++) {
            if (!first.isNullAt(i)) {
                String[] c = checks.get(i);
                long row = numbered.filter(col("rid").leq(lit(first.getLong(i)))).count();
                long bad = numbered.filter(c[0]).count();
                throw InvalidInputException.in(o.input()).row(row).column(c[1]).problem(c[2]
                        + (bad > 1 ? " (" + bad + " rows like this)" : "") + "; nothing was written");
            }
        }
    }

    private static String format(JobOptions o) {
        if (o.format().isPresent()) {
            String f = o.format().get().toLowerCase(Locale.ROOT);
            if (!List.of("parquet", "csv", "tsv", "json").contains(f)) {
                throw InvalidInputException.in("--format").problem("unknown format '" + o.format().get()
                        + "'; expected parquet, csv, tsv or json");
            }
            return f;
        }
        String name = o.input().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        if (name.endsWith(".parquet")) {
            return "parquet";
        } else if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
            return "csv";
        } else if (name.endsWith(".tsv") || name.endsWith(".tsv.gz") || name.endsWith(".tab")) {
            return "tsv";
        } else if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) {
            return "json";
        }
        throw InvalidInputException.in(o.input()).problem("has no extension that names its format (.parquet, .csv, "
                + ".tsv, .jsonl); pass --format");
    }

    private static String column(List<String> names, Optional<String> given, int position, String option,
            JobOptions o) {
        if (given.isPresent()) {
            if (!names.contains(given.get())) {
                throw InvalidInputException.in(o.input()).column(given.get()).problem("no such column (" + option
                        + "); the columns are " + String.join(", ", names));
            }
            return given.get();
        }
        if (position >= names.size()) {
            throw InvalidInputException.in(o.input()).problem("has " + names.size() + " column(s); collections need a "
                    + "collection and an item column");
        }
        return names.get(position);
    }

    /** A column name quoted for Spark (dots and spaces in names are common in exported files). */
    private static String q(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
