/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store;

/**
 * A file an atlas was imported from.
 *
 * @param role     "vectors", "metadata" or "labels"
 * @param path     the path as given at import, made absolute
 * @param format   the format it was read as
 * @param firstRow the atlas row its first row became
 * @param rows     how many rows it contributed
 * @param bytes    its size at import
 */
public record SourceInfo(String role, String path, String format, long firstRow, long rows, long bytes) {
}
