/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.arrow;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/** Reads the result of a query as a sequence of Arrow batches. */
public final class ArrowQuery {
    private ArrowQuery() {
    }

    /** Receives each batch; the root is reused, so copy out what you keep. */
    @FunctionalInterface
    public interface BatchConsumer {
        void accept(VectorSchemaRoot root) throws Exception;
    }

    /** Runs {@code sql} and hands every batch of up to {@code batchRows} rows to {@code consumer}. */
    public static void forEachBatch(Connection conn, String sql, int batchRows, BatchConsumer consumer)
            throws SQLException {
        try (BufferAllocator alloc = new RootAllocator();
             Statement s = conn.createStatement();
             DuckDBResultSet rs = s.executeQuery(sql).unwrap(DuckDBResultSet.class);
             ArrowReader reader = (ArrowReader) rs.arrowExportStream(alloc, batchRows)) {
            while (reader.loadNextBatch()) {
                consumer.accept(reader.getVectorSchemaRoot());
            }
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (IOException e) {
            throw new SQLException("reading query results failed: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new SQLException(e.getMessage(), e);
        }
    }
}
