/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * t-SNE (van der Maaten &amp; Hinton 2008) as swappable stages: PCA preprocessing, kNN, perplexity
 * affinities, initialisation, and gradient descent whose repulsive term comes from a
 * {@link starmap.core.layout.tsne.repulsion.RepulsionEstimator}. Defaults follow the reference tools and
 * Belkina et al. 2019 / Kobak &amp; Berens 2019: perplexity 30, early exaggeration 12 for 250 iterations,
 * momentum 0.5 then 0.8, learning rate max(n / 12, 200), PCA initialisation scaled to standard
 * deviation 1e-4.
 *
 * <p>{@link starmap.core.layout.tsne.Tsne#run} is the recipe; {@link starmap.core.layout.tsne.TsneRun} is
 * a resumable optimisation. A seed makes a run reproducible for the same thread count (and, since every
 * parallel loop here is chunked independently of threads, on any thread count).
 */
package starmap.core.layout.tsne;
