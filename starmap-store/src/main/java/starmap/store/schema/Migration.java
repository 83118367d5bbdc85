/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.schema;

import java.util.List;

/**
 * One step of the schema: the SQL that takes version {@code version − 1} to {@code version}. Run in
 * the same transaction as the version bump.
 *
 * @param version     the version this step produces, from 1 upwards without gaps
 * @param description what the step adds, recorded in {@code schema_history}
 * @param statements  DDL/DML statements, run in order
 */
public record Migration(int version, String description, List<String> statements) {
    public Migration {
        statements = List.copyOf(statements);
    }
}
