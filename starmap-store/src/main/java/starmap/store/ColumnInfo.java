/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store;

/**
 * A column of the points table.
 *
 * @param name       the column name in the atlas
 * @param type       its type
 * @param role       what it means
 * @param sourceName the name it had in the source file, where it differs or matters
 */
public record ColumnInfo(String name, ColumnType type, ColumnRole role, String sourceName) {
}
