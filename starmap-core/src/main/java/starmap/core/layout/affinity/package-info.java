/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Affinities: how strongly each pair of points should attract in the layout, from their distances in
 * the original space. {@link starmap.core.layout.affinity.PerplexityAffinities} is t-SNE's Gaussian
 * kernel calibrated per point to a perplexity (van der Maaten &amp; Hinton 2008), on the kNN graph only
 * (van der Maaten 2014). Results are {@link starmap.core.layout.affinity.SparseAffinities}: symmetric,
 * summing to 1.
 */
package starmap.core.layout.affinity;
