/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.device;

import starmap.core.knn.Metric;
import starmap.core.knn.NeighborSearch;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.affinity.SparseAffinities;
import starmap.core.layout.tsne.TsneOptimization;
import starmap.core.layout.tsne.TsneParams;

/**
 * A device that runs stages instead of the CPU (the GPU module provides one through
 * {@link java.util.ServiceLoader}). Implementations open their device on first use and keep it for the
 * process; they are thread-safe.
 */
public interface Accelerator {
    /** Short name, e.g. "cuda". */
    String name();

    /** Null when the device is usable, else why not (no driver, no device, …). Probes once. */
    String problem();

    /** The device in words, e.g. "NVIDIA H100 80GB HBM3 (compute 9.0, 79.1 GiB, CUDA driver 12.8)". */
    String description();

    /**
     * An exact search for the {@code k} nearest neighbours under {@code metric} on the device, or null
     * when the device cannot do that metric or that many neighbours.
     */
    NeighborSearch exactSearch(Metric metric, int k);

    /**
     * A t-SNE optimisation of {@code p} from {@code initial} on the device, or null when the device cannot
     * run these parameters (e.g. their dimension).
     */
    TsneOptimization tsne(SparseAffinities p, double[] initial, TsneParams params, LayoutContext ctx);
}
