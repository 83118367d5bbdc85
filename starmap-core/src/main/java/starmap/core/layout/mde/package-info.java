/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Minimum-distortion embedding (Agrawal, Ali and Boyd 2021, "Minimum-Distortion Embedding"), the
 * problem of PyMDE's {@code preserve_neighbors} recipe under the standardization constraint: attractive
 * Log1p penalties on a weighted graph's edges, repulsive Log penalties on sampled non-edges, the average
 * distortion minimised by L-BFGS on the manifold of centred embeddings with YᵀY / n = I. See
 * {@link starmap.core.layout.mde.Mde}.
 *
 * <p>Threading: a run uses the pool of its {@link starmap.core.layout.LayoutContext}; every parallel
 * loop is split into chunks that do not depend on the thread count and its partial sums are added in
 * chunk order, so a seed gives the same embedding on any number of threads.
 */
package starmap.core.layout.mde;
