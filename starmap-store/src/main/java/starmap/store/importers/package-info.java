/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Importers: read users' files as they are (NumPy, Parquet, CSV/TSV, JSON Lines, IDX, fvecs/ivecs/bvecs)
 * and write them into a new atlas in one transaction.
 *
 * <p>Every format has a {@link starmap.store.importers.SourceReader} that streams rows into reusable
 * columnar {@link starmap.store.importers.Batch}es: binary formats are memory-mapped or streamed,
 * text formats are read twice (once to count rows and infer column types, once to convert), Parquet
 * is read through an in-memory DuckDB. {@link starmap.store.importers.Importer} lines up the parts
 * (vectors, metadata files, label files), streams them into DuckDB through Arrow, and renames the
 * finished database into place, so a failed import leaves nothing behind.
 *
 * <p>Every error names the file, the row or line, and the column where there is one.
 */
package starmap.store.importers;
