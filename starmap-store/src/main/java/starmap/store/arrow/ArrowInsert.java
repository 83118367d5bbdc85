/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.arrow;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;

/**
 * Runs one SQL statement that reads a Java-produced Arrow stream, e.g.
 * {@code INSERT INTO points SELECT * FROM {stream}}. DuckDB pulls batches from the {@link Filler}
 * as it needs them, so nothing is held whole in memory.
 *
 * <p>An exception thrown by the filler reaches DuckDB as a failed scan; {@link #run} rethrows the
 * filler's own exception, not DuckDB's wrapper, so callers see the original message.
 */
public final class ArrowInsert {
    private static final AtomicLong COUNTER = new AtomicLong();

    private ArrowInsert() {
    }

    /** Fills the next batch; returns false when there are no more rows. */
    @FunctionalInterface
    public interface Filler {
        boolean fill(VectorSchemaRoot root) throws Exception;
    }

    /**
     * Registers the stream under a fresh name, runs {@code sql} with {@code {stream}} replaced by that
     * name, and returns the update count.
     */
    public static long run(Connection conn, Schema schema, Filler filler, String sql) throws SQLException {
        String name = "starmap_stream_" + COUNTER.incrementAndGet();
        try (BufferAllocator alloc = new RootAllocator();
             Source source = new Source(alloc, schema, filler);
             ArrowArrayStream stream = ArrowArrayStream.allocateNew(alloc)) {
            Data.exportArrayStream(alloc, source, stream);
            DuckDBConnection duck = conn.unwrap(DuckDBConnection.class);
            duck.registerArrowStream(name, stream);
            try (Statement s = conn.createStatement()) {
                s.execute(sql.replace("{stream}", name));
                return s.getUpdateCount();
            } catch (SQLException e) {
                source.rethrowFailure();
                throw e;
            } finally {
                try (Statement s = conn.createStatement()) {
                    s.execute("DROP VIEW IF EXISTS " + name);
                } catch (SQLException ignored) {
                    // registration is per connection and harmless if it lingers
                }
            }
        } catch (IOException e) {
            throw new SQLException(e);
        }
    }

    private static final class Source extends ArrowReader {
        private final Schema schema;
        private final Filler filler;
        private volatile Throwable failure;

        Source(BufferAllocator alloc, Schema schema, Filler filler) {
            super(alloc);
            this.schema = schema;
            this.filler = filler;
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            try {
                VectorSchemaRoot root = getVectorSchemaRoot();
                root.clear();
                return filler.fill(root);
            } catch (Throwable t) {
                failure = t;
                throw new IOException("batch producer failed: " + t, t);
            }
        }

        void rethrowFailure() {
            Throwable t = failure;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {
        }

        @Override
        protected Schema readSchema() {
            return schema;
        }
    }
}
