/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Neighbour graphs: {@link starmap.core.graph.KnnGraph} holds, for every point, its k nearest
 * neighbours and their distances. Produced by the kNN stage (or imported), stored in the atlas beside
 * the layouts built on it, and read by affinities, quality metrics and the viewer's neighbour lines.
 *
 * <p>Threading: a graph is immutable once built and safe to share.
 */
package starmap.core.graph;
