/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.knn;

import starmap.core.graph.KnnGraph;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.vectors.VectorSource;

/**
 * Finds the k nearest neighbours of every point. Implementations are stateless and thread-safe; the
 * work runs on the given {@link Parallel}.
 */
public interface NeighborSearch {
    /**
     * The {@code min(k, n − 1)} nearest neighbours of every point, itself excluded.
     *
     * @param progress receives one unit per point searched
     */
    KnnGraph search(VectorSource data, int k, Metric metric, Parallel parallel, Progress progress);

    /** "exact", "hnsw". */
    String name();
}
