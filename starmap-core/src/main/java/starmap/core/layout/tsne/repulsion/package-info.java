/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Estimators of t-SNE's repulsive forces: for every point i, Σ_j w_ij² (y_i − y_j) and the normaliser
 * Z = Σ_{i≠j} w_ij, where w_ij = 1 / (1 + ‖y_i − y_j‖²). They differ in how they trade accuracy for
 * time: {@link starmap.core.layout.tsne.repulsion.ExactRepulsion} (O(n²), the reference),
 * {@link starmap.core.layout.tsne.repulsion.BarnesHutRepulsion} (O(n log n), van der Maaten 2014),
 * {@link starmap.core.layout.tsne.repulsion.FftRepulsion} (O(n), 2D, Linderman et al. 2019).
 *
 * <p>Each has a plan/execute shape: {@code prepare} builds the tree or grid for the current positions,
 * {@code accumulate} applies it into caller-owned buffers. An estimator is used by one run at a time.
 */
package starmap.core.layout.tsne.repulsion;
