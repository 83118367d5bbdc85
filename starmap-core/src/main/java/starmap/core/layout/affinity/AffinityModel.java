/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.affinity;

import starmap.core.graph.KnnGraph;
import starmap.core.parallel.Parallel;

/** Turns a kNN graph into symmetric joint probabilities. Implementations are immutable and thread-safe. */
public interface AffinityModel {
    SparseAffinities fit(KnnGraph knn, Parallel parallel);
}
