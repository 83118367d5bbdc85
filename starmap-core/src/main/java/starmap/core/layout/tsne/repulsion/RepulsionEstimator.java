/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne.repulsion;

import starmap.core.parallel.Parallel;

/**
 * Computes t-SNE's repulsive term for positions {@code y} (n × dim, row-major, double).
 *
 * <p>Not thread-safe: one run owns an estimator; the work inside runs on the given {@link Parallel}.
 */
public interface RepulsionEstimator {
    /** Builds whatever structure the positions need (tree, grid). */
    void prepare(double[] y, Parallel parallel);

    /**
     * Writes {@code rep[i·dim + a] = Σ_j w_ij² (y_i − y_j)_a} (not yet divided by Z) and returns
     * Z = Σ_{i≠j} w_ij. Must follow {@link #prepare} with the same positions.
     */
    double accumulate(double[] y, double[] rep, Parallel parallel);

    /** "exact", "bh", "fft", "dual-tree". */
    String name();
}
