/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;
import starmap.core.InvalidInputException;
import starmap.store.ColumnType;
import starmap.store.Sql;

/**
 * Reads Parquet through an in-memory DuckDB (its Parquet reader streams row groups), converting every
 * column to one of Starmap's types in SQL and the rows to batches through Arrow. The vector is a list
 * or array column of numbers, or several numeric columns.
 */
final class ParquetReader implements SourceReader {
    private static final Pattern NUMERIC = Pattern.compile(
            "TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|HUGEINT|FLOAT|DOUBLE|DECIMAL.*");
    private static final Pattern NUMERIC_LIST = Pattern.compile("(" + NUMERIC.pattern() + ")\\[\\d*\\]");
    private static final Pattern INTEGER = Pattern.compile("TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER");

    private final Path path;
    private final Connection conn;
    private final String select;
    private final int metaCount;
    private PartSchema schema;
    private BufferAllocator alloc;
    private Statement stmt;
    private DuckDBResultSet rs;
    private ArrowReader reader;
    private int pos;
    private int available;
    private long next;

    private ParquetReader(Path path, Connection conn, String select, int metaCount, PartSchema schema) {
        this.path = path;
        this.conn = conn;
        this.select = select;
        this.metaCount = metaCount;
        this.schema = schema;
    }

    static ParquetReader open(Path path, TableOptions opts) throws IOException {
        String file = path.toString();
        if (Files.size(path) == 0) {
            throw InvalidInputException.in(file).problem("is empty");
        }
        Connection conn;
        try {
            conn = DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new IOException("cannot start DuckDB to read " + file, e);
        }
        try {
            return describe(path, conn, opts);
        } catch (SQLException e) {
            close(conn);
            throw InvalidInputException.in(file).cause(e).problem("is not a readable Parquet file (truncated or "
                    + "corrupt?): " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            close(conn);
            throw e;
        }
    }

    private static ParquetReader describe(Path path, Connection conn, TableOptions opts) throws SQLException {
        String file = path.toString();
        String from = " FROM read_parquet(" + Sql.literal(path.toAbsolutePath().toString()) + ")";
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        long rows;
        try (Statement s = conn.createStatement()) {
            try (ResultSet r = s.executeQuery("DESCRIBE SELECT *" + from)) {
                while (r.next()) {
                    names.add(r.getString("column_name"));
                    types.add(r.getString("column_type"));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT count(*)" + from)) {
                r.next();
                rows = r.getLong(1);
            }
        }
        if (rows == 0) {
            throw InvalidInputException.in(file).problem("holds no rows");
        }
        VectorSelection sel = VectorSelection.resolve(file, names, opts, c -> NUMERIC_LIST.matcher(types.get(c)).matches());
        List<String> exprs = new ArrayList<>();
        List<SourceColumn> cols = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            if (sel.contains(c)) {
                continue;
            }
            ColumnType t = starmapType(types.get(c));
            exprs.add("CAST(" + Sql.ident(names.get(c)) + " AS " + t.sql() + ") AS " + Sql.ident(names.get(c)));
            cols.add(new SourceColumn(names.get(c), t, false));
        }
        int dim;
        if (sel.listColumn() >= 0) {
            String col = Sql.ident(names.get(sel.listColumn()));
            String type = types.get(sel.listColumn());
            if (!NUMERIC_LIST.matcher(type).matches()) {
                throw InvalidInputException.in(file).column(names.get(sel.listColumn())).problem("has type " + type
                        + "; --vector needs a list of numbers");
            }
            dim = firstListLength(conn, from, col, file, names.get(sel.listColumn()));
            String element = type.startsWith("FLOAT[") ? "FLOAT" : "DOUBLE";
            exprs.add("CAST(" + col + " AS " + element + "[]) AS " + col);
        } else {
            dim = sel.columns().length;
            for (int c : sel.columns()) {
                if (!NUMERIC.matcher(types.get(c)).matches()) {
                    throw InvalidInputException.in(file).column(names.get(c)).problem("has type " + types.get(c)
                            + "; vector columns must be numeric");
                }
                exprs.add("CAST(" + Sql.ident(names.get(c)) + " AS DOUBLE) AS " + Sql.ident(names.get(c)));
            }
        }
        cols = markImagePaths(conn, from, cols);
        String select = "SELECT " + (exprs.isEmpty() ? "1" : String.join(", ", exprs)) + from;
        return new ParquetReader(path, conn, select, cols.size(), new PartSchema(rows, dim, cols, Optional.empty()));
    }

    private static ColumnType starmapType(String duck) {
        if (duck.equals("BOOLEAN")) {
            return ColumnType.BOOLEAN;
        } else if (INTEGER.matcher(duck).matches()) {
            return ColumnType.BIGINT;
        } else if (duck.equals("FLOAT") || duck.equals("DOUBLE") || duck.startsWith("DECIMAL")) {
            return ColumnType.DOUBLE;
        } else if (duck.equals("DATE")) {
            return ColumnType.DATE;
        } else if (duck.startsWith("TIMESTAMP")) {
            return ColumnType.TIMESTAMP;
        }
        return ColumnType.VARCHAR;
    }

    private static int firstListLength(Connection conn, String from, String col, String file, String name)
            throws SQLException {
        try (Statement s = conn.createStatement();
             ResultSet r = s.executeQuery("SELECT len(" + col + ")" + from + " WHERE " + col + " IS NOT NULL LIMIT 1")) {
            if (!r.next() || r.getInt(1) == 0) {
                throw InvalidInputException.in(file).column(name).problem("holds no vectors");
            }
            return r.getInt(1);
        }
    }

    private static List<SourceColumn> markImagePaths(Connection conn, String from, List<SourceColumn> cols)
            throws SQLException {
        List<SourceColumn> out = new ArrayList<>(cols);
        for (int i = 0; i < cols.size(); i++) {
            SourceColumn c = cols.get(i);
            if (c.type() != ColumnType.VARCHAR) {
                continue;
            }
            String col = "CAST(" + Sql.ident(c.name()) + " AS VARCHAR)";
            try (Statement s = conn.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(" + col + ") > 0 AND bool_and(regexp_matches(lower("
                         + col + "), '\\.(png|jpe?g|gif|webp|bmp|tiff?)$'))" + from)) {
                r.next();
                if (r.getBoolean(1)) {
                    out.set(i, new SourceColumn(c.name(), c.type(), true));
                }
            }
        }
        return out;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.PARQUET;
    }

    @Override
    public PartSchema schema() {
        return schema;
    }

    @Override
    public void widen(Map<String, ColumnType> types) {
        List<SourceColumn> cols = new ArrayList<>();
        for (SourceColumn c : schema.columns()) {
            if (types.containsKey(c.name()) && types.get(c.name()) != c.type()) {
                throw InvalidInputException.in(path.toString()).column(c.name()).problem("has type " + c.type()
                        + " here but " + types.get(c.name()) + " in another file of the same import");
            }
            cols.add(c);
        }
        schema = new PartSchema(schema.rows(), schema.vectorDim(), cols, schema.image());
    }

    @Override
    public int read(Batch batch, int max) throws IOException {
        try {
            if (reader == null) {
                alloc = new RootAllocator();
                stmt = conn.createStatement();
                rs = stmt.executeQuery(select).unwrap(DuckDBResultSet.class);
                reader = (ArrowReader) rs.arrowExportStream(alloc, 8192);
            }
        } catch (SQLException e) {
            throw InvalidInputException.in(path.toString()).cause(e).problem("could not be read: " + firstLine(e.getMessage()));
        }
        int done = 0;
        while (done < max) {
            if (pos == available) {
                if (!reader.loadNextBatch()) {
                    break;
                }
                pos = 0;
                available = reader.getVectorSchemaRoot().getRowCount();
                continue;
            }
            int take = Math.min(max - done, available - pos);
            copy(reader.getVectorSchemaRoot(), pos, take, batch, batch.size + done);
            pos += take;
            done += take;
            next += take;
        }
        batch.size += done;
        return done;
    }

    private void copy(VectorSchemaRoot root, int from, int count, Batch batch, int to) {
        for (int m = 0; m < metaCount; m++) {
            FieldVector v = root.getVector(m);
            ColumnData col = batch.columns[m];
            for (int i = 0; i < count; i++) {
                int src = from + i;
                if (v.isNull(src)) {
                    col.setNull(to + i);
                    continue;
                }
                switch (col.type) {
                    case BIGINT -> col.setLong(to + i, ((BigIntVector) v).get(src));
                    case DOUBLE -> col.setDouble(to + i, ((Float8Vector) v).get(src));
                    case VARCHAR -> col.setString(to + i, new String(((VarCharVector) v).get(src), StandardCharsets.UTF_8));
                    case BOOLEAN -> col.setBoolean(to + i, ((BitVector) v).get(src) == 1);
                    case DATE -> col.setLong(to + i, ((DateDayVector) v).get(src));
                    case TIMESTAMP -> col.setLong(to + i, ((TimeStampMicroVector) v).get(src));
                }
            }
        }
        if (schema.hasVectors()) {
            copyVectors(root, from, count, batch, to);
        }
    }

    private void copyVectors(VectorSchemaRoot root, int from, int count, Batch batch, int to) {
        int d = schema.vectorDim();
        String file = path.toString();
        if (root.getFieldVectors().size() == metaCount + 1 && root.getVector(metaCount) instanceof ListVector list) {
            if (list.getDataVector() instanceof Float4Vector floats) {
                copyFloatLists(list, floats, from, count, batch, to);
                return;
            }
            Float8Vector child = (Float8Vector) list.getDataVector();
            String name = root.getVector(metaCount).getName();
            for (int i = 0; i < count; i++) {
                long row = next + i + 1;
                int start = listStart(list, child.getNullCount() > 0, from + i, row);
                for (int j = 0; j < d; j++) {
                    batch.vectors[(to + i) * d + j] = VectorValues.toFloat(child.get(start + j), file, "row", row,
                            VectorValues.component(j));
                }
            }
            return;
        }
        for (int j = 0; j < d; j++) {
            Float8Vector v = (Float8Vector) root.getVector(metaCount + j);
            for (int i = 0; i < count; i++) {
                long row = next + i + 1;
                if (v.isNull(from + i)) {
                    throw InvalidInputException.in(file).row(row).column(v.getName()).problem("vector value is null");
                }
                batch.vectors[(to + i) * d + j] = VectorValues.toFloat(v.get(from + i), file, "row", row, v.getName());
            }
        }
    }

    /** Float32 lists (the usual embedding column): one bulk copy per row, then a finiteness scan. */
    private void copyFloatLists(ListVector list, Float4Vector child, int from, int count, Batch batch, int to) {
        int d = schema.vectorDim();
        String file = path.toString();
        String name = list.getName();
        MemorySegment values = MemorySegment.ofAddress(child.getDataBuffer().memoryAddress())
                .reinterpret((long) child.getValueCount() * Float.BYTES);
        boolean anyNullElement = child.getNullCount() > 0;
        for (int i = 0; i < count; i++) {
            int start = listStart(list, anyNullElement, from + i, next + i + 1);
            MemorySegment.copy(values, ValueLayout.JAVA_FLOAT_UNALIGNED, (long) start * Float.BYTES, batch.vectors,
                    (to + i) * d, d);
        }
        VectorValues.checkFinite(batch.vectors, to * d, count * d, d, (r, j, v) -> VectorValues.toFloat(v, file,
                "row", next + r + 1, VectorValues.component(j)));
    }

    /**
     * The child index where list {@code src} starts, after checking that the list is not null, has the
     * vector dimension, and (when {@code checkElements}) holds no null element.
     */
    private int listStart(ListVector list, boolean checkElements, int src, long row) {
        int d = schema.vectorDim();
        String file = path.toString();
        String name = list.getName();
        if (list.isNull(src)) {
            throw InvalidInputException.in(file).row(row).column(name).problem("vector is null");
        }
        int start = list.getElementStartIndex(src);
        int len = list.getElementEndIndex(src) - start;
        if (len != d) {
            throw InvalidInputException.in(file).row(row).column(name).problem("vector has " + len
                    + " values, expected " + d + " (as in the first row)");
        }
        for (int j = 0; checkElements && j < d; j++) {
            if (list.getDataVector().isNull(start + j)) {
                throw InvalidInputException.in(file).row(row).column(name).problem("vector value " + j + " is null");
            }
        }
        return start;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // reporting the first failure
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (reader != null) {
                reader.close();
            }
            if (rs != null) {
                rs.close();
            }
            if (stmt != null) {
                stmt.close();
            }
            if (alloc != null) {
                alloc.close();
            }
        } catch (SQLException e) {
            throw new IOException(e);
        } finally {
            close(conn);
        }
    }
}
