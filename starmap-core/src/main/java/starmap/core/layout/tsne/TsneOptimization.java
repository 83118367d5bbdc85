/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne;

import starmap.core.layout.Embedding;

/**
 * A resumable t-SNE optimisation, on the CPU ({@link TsneRun}) or on an accelerator. Not thread-safe;
 * close it to free device memory.
 */
public interface TsneOptimization extends AutoCloseable {
    /** Iterations done so far. */
    int iteration();

    /** The step size in use. */
    double learningRate();

    /** Runs {@code count} more iterations (fewer if the planned total is reached). */
    void step(int count);

    /** Runs the remaining iterations. */
    void finish();

    /** KL(P ‖ Q) at the last iteration that estimated it; NaN before the first estimate. */
    double klDivergence();

    /** The current positions in the caller's point order. */
    Embedding snapshot();

    /** The repulsion method, e.g. "bh", "fft-gpu". */
    String approximation();

    @Override
    default void close() {
    }
}
