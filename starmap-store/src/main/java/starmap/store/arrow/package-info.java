/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Bulk transfer between Java and DuckDB through Arrow: an {@link starmap.store.arrow.ArrowInsert}
 * registers a pull-based Arrow stream that an {@code INSERT … SELECT} drains (about 7× faster than
 * DuckDB's row appender for float arrays), and {@link starmap.store.arrow.ArrowQuery} reads query
 * results as Arrow batches.
 *
 * <p>Needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED} at run time (Arrow's memory module).
 */
package starmap.store.arrow;
