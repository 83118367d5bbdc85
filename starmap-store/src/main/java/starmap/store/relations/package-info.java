/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Relationship data into an atlas: collections (collection, item[, weight][, time][, attribute]) or
 * related-item edge lists (source, target[, weight]) are read with DuckDB, filtered, turned into a
 * co-occurrence matrix and a k-nearest-neighbour graph in core, and stored as an atlas of items with
 * their metadata and the graph (named {@value starmap.store.relations.RelationsImporter#GRAPH}). A graph
 * computed elsewhere (a directory written by the Spark job: a manifest, items and neighbours as Parquet)
 * is checked and stored the same way.
 */
package starmap.store.relations;
