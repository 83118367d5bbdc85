/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The atlas schema and its numbered migrations. Version N of the schema is what migrations 1 … N
 * produce; an atlas records its version in {@code atlas_info} and the history of applied migrations
 * in {@code schema_history}. Old versions are migrated forward when opened; newer ones are refused.
 */
package starmap.store.schema;
