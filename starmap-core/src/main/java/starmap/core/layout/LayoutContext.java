/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout;

import starmap.core.device.Device;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;

/**
 * Where a layout runs: the worker pool, the progress sink (stages and cancellation), a listener for
 * optimisation iterations, and the device stages may run on.
 *
 * @param parallel the pool every CPU stage uses
 * @param progress stage progress and cancellation
 * @param listener called after optimisation iterations
 * @param device   where the stages that have an accelerated version run (kNN, t-SNE)
 */
public record LayoutContext(Parallel parallel, Progress progress, IterationListener listener, Device device) {
    /** A context that runs everything on the CPU. */
    public LayoutContext(Parallel parallel, Progress progress, IterationListener listener) {
        this(parallel, progress, listener, Device.CPU);
    }

    /** This context with stages on {@code d}. */
    public LayoutContext withDevice(Device d) {
        return new LayoutContext(parallel, progress, listener, d);
    }

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
