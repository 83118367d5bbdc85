/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * k-nearest-neighbour search: {@link starmap.core.knn.ExactSearch} (blocked SIMD distance tiles, all
 * cores), {@link starmap.core.knn.IvfSearch} (k-means inverted lists searched exactly on the same tiles,
 * approximate) and {@link starmap.core.knn.HnswSearch} (jvector's graph index, approximate).
 * {@link starmap.core.knn.Recall} measures an approximate graph against exact search on a sample;
 * {@link starmap.core.knn.NeighborSearches#of} picks a search by name or size.
 *
 * <p>Results are {@link starmap.core.graph.KnnGraph}s: a point is never its own neighbour, rows are
 * sorted by (distance, index), so ties break the same way on every run.
 */
package starmap.core.knn;
