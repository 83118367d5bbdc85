/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Relationship data to neighbour graphs: collections of items (playlists, baskets, score sheets) and
 * related-item edge lists become a sparse symmetric similarity matrix ({@link starmap.core.relations.Cooccurrence}),
 * which is sparsified into an unweighted k-nearest-neighbour graph ({@link starmap.core.relations.Sparsifier})
 * that MDE, node2vec, t-SNE and UMAP lay out.
 */
package starmap.core.relations;
