/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * k-nearest-neighbour search: {@link starmap.core.knn.ExactSearch} (blocked SIMD distance tiles, all
 * cores) and {@link starmap.core.knn.HnswSearch} (jvector's graph index, approximate, with its recall
 * measured on a sample). {@link starmap.core.knn.NeighborSearches#auto} picks one by size.
 *
 * <p>Results are {@link starmap.core.graph.KnnGraph}s: a point is never its own neighbour, rows are
 * sorted by (distance, index), so ties break the same way on every run.
 */
package starmap.core.knn;
