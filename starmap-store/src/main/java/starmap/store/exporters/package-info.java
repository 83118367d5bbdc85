/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Exporters: an atlas back out as the files users' pipelines read: CSV, Parquet, or NumPy {@code .npy}
 * with a CSV of the row-aligned metadata. An export holds each point's id, metadata, current
 * annotation state (label, tags, deleted flag) and, on request, a layout's coordinates and the
 * vectors. Files are written under a temporary name and renamed when complete.
 */
package starmap.store.exporters;
