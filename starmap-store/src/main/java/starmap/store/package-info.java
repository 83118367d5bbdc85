/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The atlas: one DuckDB database file per map, holding its points (row index, id, metadata columns
 * with their types, vectors), kNN graphs, layouts, and the append-only annotation log.
 *
 * <p>{@link starmap.store.Atlas} opens a file, migrates an older schema forward, and refuses a newer
 * one. The tables are documented in {@code docs/atlas-format.md} so users can query an atlas with
 * DuckDB itself.
 *
 * <p>Threading: an {@link starmap.store.Atlas} wraps one JDBC connection; use it from one thread at a
 * time.
 */
package starmap.store;
