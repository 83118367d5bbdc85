/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import starmap.core.InvalidInputException;
import starmap.core.ids.IdIndex;
import starmap.core.vectors.DenseVectors;
import starmap.store.annotations.AnnotationLog;
import starmap.store.arrow.ArrowQuery;
import starmap.store.schema.Migrations;

/**
 * One atlas file: a DuckDB database holding a map's points, vectors, kNN graphs, layouts and
 * annotations. Open with {@link #open}, {@link #openReadOnly} or {@link #create}; close when done.
 *
 * <p>Opening migrates an older schema forward in one transaction and refuses a schema newer than
 * this build understands, with a message that says so. Many processes may hold an atlas read-only;
 * only one may hold it writable (DuckDB's rule).
 *
 * <p>Not thread-safe: one connection, one thread at a time.
 */
public final class Atlas implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Atlas.class.getName());

    private final Path path;
    private final Connection conn;
    private final boolean readOnly;

    private Atlas(Path path, Connection conn, boolean readOnly) {
        this.path = path;
        this.conn = conn;
        this.readOnly = readOnly;
    }

    /** Opens an existing atlas for reading and writing, migrating it to the current schema. */
    public static Atlas open(Path path) {
        return openExisting(path, false);
    }

    /**
     * Opens an existing atlas read-only. An atlas of an older schema is migrated first, which needs
     * a moment of write access.
     */
    public static Atlas openReadOnly(Path path) {
        return openExisting(path, true);
    }

    /** Creates a new, empty atlas at {@code path}, which must not exist. */
    public static Atlas create(Path path) {
        if (Files.exists(path)) {
            throw InvalidInputException.in(path.toString()).problem("already exists");
        }
        Connection c = connect(path, false);
        try {
            c.setAutoCommit(false);
            Migrations.apply(c, Migrations.ALL, 0);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO atlas_info VALUES (?, ?), (?, ?)")) {
                p.setString(1, "created_at");
                p.setString(2, Instant.now().toString());
                p.setString(3, "starmap_version");
                p.setString(4, Version.current());
                p.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
            return new Atlas(path, c, false);
        } catch (SQLException e) {
            closeQuietly(c);
            throw StoreException.wrap(path, "creating the schema", e);
        }
    }

    private static Atlas openExisting(Path path, boolean readOnly) {
        if (!Files.isRegularFile(path)) {
            throw InvalidInputException.in(path.toString()).problem(Files.exists(path)
                    ? "is not a file" : "does not exist (create an atlas with 'starmap import')");
        }
        checkDuckDbFile(path);
        Connection c = connect(path, readOnly);
        try {
            int version = schemaVersion(c, path);
            if (version > Migrations.current()) {
                throw InvalidInputException.in(path.toString()).problem("was written with atlas schema version "
                        + version + ", but this Starmap (" + Version.current() + ") reads versions up to "
                        + Migrations.current() + "; upgrade Starmap to open it");
            }
            if (version < Migrations.current()) {
                if (readOnly) {
                    closeQuietly(c);
                    migrate(path, version);
                    c = connect(path, true);
                } else {
                    migrate(c, path, version);
                }
            }
            return new Atlas(path, c, readOnly);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** DuckDB opens some other files (CSV, Parquet) as databases too; an atlas must be a DuckDB file. */
    private static void checkDuckDbFile(Path path) {
        byte[] head = new byte[12];
        try (java.io.InputStream in = Files.newInputStream(path)) {
            int got = in.readNBytes(head, 0, head.length);
            if (got < head.length || head[8] != 'D' || head[9] != 'U' || head[10] != 'C' || head[11] != 'K') {
                throw InvalidInputException.in(path.toString()).problem("is not a DuckDB database file");
            }
        } catch (java.io.IOException e) {
            throw InvalidInputException.in(path.toString()).cause(e).problem("cannot be read: " + e.getMessage());
        }
    }

    private static void migrate(Path path, int from) {
        Connection w = connect(path, false);
        try {
            migrate(w, path, from);
        } finally {
            closeQuietly(w);
        }
    }

    private static void migrate(Connection c, Path path, int from) {
        try {
            c.setAutoCommit(false);
            Migrations.apply(c, Migrations.ALL, from);
            c.commit();
            c.setAutoCommit(true);
            LOG.log(System.Logger.Level.INFO, "migrated atlas {0} from schema {1} to {2}", path, from,
                    Migrations.current());
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the original failure is what matters
            }
            throw StoreException.wrap(path, "migrating from schema " + from, e);
        }
    }

    private static int schemaVersion(Connection c, Path path) {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                     + "WHERE table_schema = 'main' ORDER BY table_name")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            if (!tables.contains("atlas_info")) {
                throw InvalidInputException.in(path.toString()).problem(tables.isEmpty()
                        ? "is an empty DuckDB database, not a Starmap atlas"
                        : "is a DuckDB database but not a Starmap atlas (tables: " + String.join(", ", tables) + ")");
            }
            try (ResultSet v = s.executeQuery("SELECT value FROM atlas_info WHERE key = 'schema_version'")) {
                if (!v.next()) {
                    throw InvalidInputException.in(path.toString()).problem("has no schema_version in atlas_info");
                }
                return Integer.parseInt(v.getString(1));
            }
        } catch (SQLException e) {
            throw StoreException.wrap(path, "reading the schema version", e);
        }
    }

    private static Connection connect(Path path, boolean readOnly) {
        Properties props = new Properties();
        if (readOnly) {
            props.setProperty("duckdb.read_only", "true");
        }
        try {
            return DriverManager.getConnection("jdbc:duckdb:" + path.toAbsolutePath(), props);
        } catch (SQLException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("not a valid DuckDB database") || msg.contains("Unable to open database")
                    && !msg.contains("lock")) {
                throw InvalidInputException.in(path.toString()).cause(e).problem("is not a DuckDB database file");
            }
            if (msg.contains("lock")) {
                throw InvalidInputException.in(path.toString()).cause(e).problem(
                        "is open for writing in another process (" + StoreException.firstLine(msg) + ")");
            }
            throw StoreException.wrap(path, "opening", e);
        }
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** True when opened with {@link #openReadOnly}. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * The JDBC connection, for the store's importers and exporters. Other modules use the typed
     * methods of this class.
     */
    public Connection connection() {
        return conn;
    }

    /** The key/value pairs of {@code atlas_info}. */
    public Map<String, String> info() {
        Map<String, String> out = new LinkedHashMap<>();
        query("reading atlas_info", "SELECT key, value FROM atlas_info ORDER BY key", rs -> {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        });
        return out;
    }

    /** Whether points have been imported. */
    public boolean hasPoints() {
        boolean[] found = {false};
        query("listing tables", "SELECT 1 FROM information_schema.tables WHERE table_schema = 'main' "
                + "AND table_name = 'points'", rs -> found[0] = rs.next());
        return found[0];
    }

    /** Number of points; 0 before any import. */
    public int pointCount() {
        if (!hasPoints()) {
            return 0;
        }
        int[] n = {0};
        query("counting points", "SELECT count(*) FROM points", rs -> {
            rs.next();
            n[0] = rs.getInt(1);
        });
        return n[0];
    }

    /** The dimension of the stored vectors, or empty when the atlas holds none. */
    public OptionalInt vectorDimension() {
        String d = info().get("vector_dimension");
        return d == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(d));
    }

    /** Columns of the points table, in table order, without row_idx and vector. */
    public List<ColumnInfo> columns() {
        List<ColumnInfo> out = new ArrayList<>();
        query("reading columns", "SELECT name, type, role, source_name FROM columns ORDER BY position", rs -> {
            while (rs.next()) {
                out.add(new ColumnInfo(rs.getString(1), ColumnType.fromSql(rs.getString(2)),
                        ColumnRole.fromSql(rs.getString(3)), rs.getString(4)));
            }
        });
        return out;
    }

    /** The column with {@code role}, if any (the first one, for roles that may repeat). */
    public Optional<ColumnInfo> column(ColumnRole role) {
        return columns().stream().filter(c -> c.role() == role).findFirst();
    }

    /** The files this atlas was imported from. */
    public List<SourceInfo> sources() {
        List<SourceInfo> out = new ArrayList<>();
        query("reading sources", "SELECT role, path, format, first_row, row_count, bytes FROM sources "
                + "ORDER BY position", rs -> {
                    while (rs.next()) {
                        out.add(new SourceInfo(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getLong(4), rs.getLong(5), rs.getLong(6)));
                    }
                });
        return out;
    }

    /** Where the points' images come from, if they have any. */
    public Optional<ImageInfo> images() {
        Map<String, String> info = info();
        String kind = info.get("image_kind");
        if (kind == null) {
            return Optional.empty();
        }
        if (kind.equals("pixels")) {
            return Optional.of(ImageInfo.pixels(Integer.parseInt(info.get("image_height")),
                    Integer.parseInt(info.get("image_width")), Integer.parseInt(info.get("image_channels"))));
        }
        return Optional.of(ImageInfo.files(info.get("image_column"), info.get("image_root")));
    }

    /** Point ids in row order; the mapping made at import. */
    public IdIndex ids() {
        List<String> ids = new ArrayList<>(pointCount());
        query("reading ids", "SELECT CAST(id AS VARCHAR) FROM points ORDER BY row_idx", rs -> {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        });
        return IdIndex.of(ids);
    }

    /**
     * Reads every vector into off-heap memory, row {@code i} at index {@code i}. The caller closes the
     * result.
     *
     * @throws InvalidInputException when the atlas holds no vectors
     */
    public DenseVectors readVectors() {
        int d = vectorDimension().orElseThrow(() -> InvalidInputException.in(path.toString())
                .problem("holds no vectors (import a file with vectors first)"));
        DenseVectors out = DenseVectors.allocate(pointCount(), d);
        long rowBytes = (long) d * Float.BYTES;
        try {
            ArrowQuery.forEachBatch(conn, "SELECT row_idx, vector FROM points", 8192, root -> {
                IntVector idx = (IntVector) root.getVector(0);
                FixedSizeListVector list = (FixedSizeListVector) root.getVector(1);
                int rows = root.getRowCount();
                MemorySegment src = MemorySegment.ofAddress(list.getDataVector().getDataBuffer().memoryAddress())
                        .reinterpret(rows * rowBytes);
                for (int i = 0; i < rows; i++) {
                    MemorySegment.copy(src, i * rowBytes, out.segment(), idx.get(i) * rowBytes, rowBytes);
                }
            });
            return out;
        } catch (SQLException e) {
            out.close();
            throw StoreException.wrap(path, "reading vectors", e);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** The layouts stored in this atlas. */
    public LayoutStore layouts() {
        return new LayoutStore(this);
    }

    /** The kNN graphs stored in this atlas. */
    public KnnGraphStore knnGraphs() {
        return new KnnGraphStore(this);
    }

    /** The annotation log. */
    public AnnotationLog annotations() {
        return new AnnotationLog(this);
    }

    /** Everything {@code starmap info} shows. */
    public AtlasSummary summary() {
        return AtlasSummary.of(this);
    }

    /** Runs a query and hands its result set to {@code reader}; SQL errors become {@link StoreException}. */
    public void query(String what, String sql, ResultReader reader) {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            reader.read(rs);
        } catch (SQLException e) {
            throw StoreException.wrap(path, what, e);
        }
    }

    /**
     * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws, so the
     * atlas is never left half-written.
     */
    public <T> T inTransaction(String what, TransactionWork<T> work) {
        try {
            conn.setAutoCommit(false);
            try {
                T result = work.run(conn);
                conn.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw StoreException.wrap(path, what, e);
        }
    }

    /** Reads a result set. */
    @FunctionalInterface
    public interface ResultReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Connection conn) throws SQLException;
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw StoreException.wrap(path, "closing", e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing after a failure; the failure is reported
        }
    }
}
