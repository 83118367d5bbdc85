/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout;

import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;

/**
 * Where a layout runs: the worker pool, the progress sink (stages and cancellation), and a listener for
 * optimisation iterations.
 *
 * @param parallel the pool every stage uses
 * @param progress stage progress and cancellation
 * @param listener called after optimisation iterations
 */
public record LayoutContext(Parallel parallel, Progress progress, IterationListener listener) {
    /** Hears about optimisation progress; called on the thread running the layout. */
    @FunctionalInterface
    public interface IterationListener {
        /**
         * @param iteration iterations done so far
         * @param total     iterations planned
         * @param kl        the current KL divergence estimate, or NaN when not computed this iteration
         */
        void onIteration(int iteration, int total, double kl);

        IterationListener NONE = (i, t, kl) -> { };
    }

    /** A context on {@code parallel} that reports nothing. */
    public static LayoutContext quiet(Parallel parallel) {
        return new LayoutContext(parallel, Progress.NONE, IterationListener.NONE);
    }
}
