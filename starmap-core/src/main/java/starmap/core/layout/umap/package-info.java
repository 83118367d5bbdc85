/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * UMAP (McInnes, Healy and Melville 2018): the fuzzy simplicial set of a kNN graph, a spectral (or PCA,
 * or random) initialisation, and epochs of stochastic gradient descent with negative sampling over all
 * cores. See {@link starmap.core.layout.umap.Umap}.
 */
package starmap.core.layout.umap;
