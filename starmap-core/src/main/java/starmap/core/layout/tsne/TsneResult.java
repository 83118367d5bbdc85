/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne;

import java.time.Duration;
import java.util.Map;
import starmap.core.graph.KnnGraph;
import starmap.core.layout.Embedding;
import starmap.core.layout.affinity.SparseAffinities;

/**
 * What a t-SNE run produced.
 *
 * @param embedding    the layout
 * @param knn          the neighbour graph it used (in the space it was searched: after PCA if PCA ran)
 * @param affinities   the joint probabilities
 * @param timings      wall time per stage: pca, knn, affinities, init, optimize
 * @param klDivergence KL(P ‖ Q) at the end, with Z from the repulsion estimator
 * @param details      how it ran: approximation and kNN method chosen, learning rate, SIMD kernels, threads
 */
public record TsneResult(Embedding embedding, KnnGraph knn, SparseAffinities affinities, Map<String, Duration> timings,
        double klDivergence, Map<String, Object> details) {
    public TsneResult {
        timings = Map.copyOf(timings);
        details = Map.copyOf(details);
    }
}
