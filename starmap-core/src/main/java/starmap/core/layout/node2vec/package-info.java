/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * node2vec (Grover and Leskovec 2016) and DeepWalk (its p = q = 1 case): vectors for the nodes of a
 * weighted undirected graph from second-order random walks, drawn by rejection sampling in O(nnz)
 * memory and trained on the fly by skip-gram with negative sampling over all cores. The vectors (2 to
 * 8 dimensions for maps, up to 64) feed the layouts like any other vectors. See
 * {@link starmap.core.layout.node2vec.Node2Vec}.
 *
 * <p>Threading: a run uses its {@link starmap.core.layout.LayoutContext}'s pool; parameters and results
 * are immutable.
 */
package starmap.core.layout.node2vec;
