/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.umap;

import java.util.LinkedHashMap;
import java.util.Map;
import starmap.core.InvalidParameterException;
import starmap.core.knn.Metric;
import starmap.core.knn.NeighborSearches;

/**
 * UMAP's parameters, with umap-learn's defaults.
 *
 * @param dimensions         of the layout (2 or 3 for maps; up to 64)
 * @param neighbors          n_neighbors: the point itself and its {@code neighbors − 1} nearest (15)
 * @param minDist            how tightly points may pack (0.1)
 * @param spread             the scale of the embedded points (1.0); with minDist it fixes a and b
 * @param epochs             epochs of SGD; 0 chooses 500 up to 10,000 points, 200 above
 * @param negativeSampleRate negative samples per positive one (5)
 * @param learningRate       initial learning rate, decaying linearly to 0 (1.0)
 * @param repulsionStrength  weight of the negative samples (gamma, 1.0)
 * @param initialization     spectral (the default; PCA where the graph is disconnected), PCA or random
 * @param seed               of every random choice
 * @param metric             of the input space
 * @param knn                how the kNN graph is found when none is stored
 * @param pcaDimensions      inputs wider than 100 are reduced to this many principal components first
 */
public record UmapParams(int dimensions, int neighbors, double minDist, double spread, int epochs,
        int negativeSampleRate, double learningRate, double repulsionStrength, Initialization initialization,
        long seed, Metric metric, NeighborSearches.Method knn, int pcaDimensions) {

    public static final UmapParams DEFAULTS = new UmapParams(2, 15, 0.1, 1.0, 0, 5, 1.0, 1.0,
            Initialization.SPECTRAL, 1, Metric.EUCLIDEAN, NeighborSearches.Method.AUTO, 50);

    /** How the layout starts. */
    public enum Initialization {
        /** Eigenvectors of the graph's normalised Laplacian; PCA where the graph is disconnected. */
        SPECTRAL,
        /** The leading principal components of the input. */
        PCA,
        /** Uniform in [−10, 10]. */
        RANDOM;

        public String cliName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public UmapParams {
        InvalidParameterException.require(dimensions >= 1 && dimensions <= 64, "dimensions", "in [1, 64]", dimensions);
        InvalidParameterException.require(neighbors >= 2 && neighbors <= 500, "n-neighbors", "in [2, 500]", neighbors);
        InvalidParameterException.require(minDist >= 0 && Double.isFinite(minDist), "min-dist", ">= 0", minDist);
        InvalidParameterException.require(spread > 0 && Double.isFinite(spread), "spread", "> 0", spread);
        InvalidParameterException.require(minDist <= spread, "min-dist", "<= spread (" + spread + ")", minDist);
        InvalidParameterException.require(epochs >= 0, "epochs", ">= 0 (0: by size)", epochs);
        InvalidParameterException.require(negativeSampleRate >= 0, "negative-sample-rate", ">= 0", negativeSampleRate);
        InvalidParameterException.require(learningRate > 0 && Double.isFinite(learningRate), "learning-rate", "> 0",
                learningRate);
        InvalidParameterException.require(repulsionStrength >= 0, "repulsion-strength", ">= 0", repulsionStrength);
        InvalidParameterException.require(pcaDimensions >= 2, "pca-dimensions", ">= 2", pcaDimensions);
    }

    /** Epochs for n points: as given, else 500 up to 10,000 points and 200 above (umap-learn's choice). */
    public int epochsFor(int n) {
        return epochs > 0 ? epochs : n <= 10_000 ? 500 : 200;
    }

    /** Neighbours per point other than itself, for n points. */
    public int neighborsFor(int n) {
        return Math.max(1, Math.min(neighbors - 1, n - 1));
    }

    public UmapParams withDimensions(int d) {
        return new UmapParams(d, neighbors, minDist, spread, epochs, negativeSampleRate, learningRate,
                repulsionStrength, initialization, seed, metric, knn, pcaDimensions);
    }

    public UmapParams withNeighbors(int k) {
        return new UmapParams(dimensions, k, minDist, spread, epochs, negativeSampleRate, learningRate,
                repulsionStrength, initialization, seed, metric, knn, pcaDimensions);
    }

    public UmapParams withMinDist(double m) {
        return new UmapParams(dimensions, neighbors, m, spread, epochs, negativeSampleRate, learningRate,
                repulsionStrength, initialization, seed, metric, knn, pcaDimensions);
    }

    public UmapParams withEpochs(int e) {
        return new UmapParams(dimensions, neighbors, minDist, spread, e, negativeSampleRate, learningRate,
                repulsionStrength, initialization, seed, metric, knn, pcaDimensions);
    }

    public UmapParams withSeed(long s) {
        return new UmapParams(dimensions, neighbors, minDist, spread, epochs, negativeSampleRate, learningRate,
                repulsionStrength, initialization, s, metric, knn, pcaDimensions);
    }

    public UmapParams withInitialization(Initialization i) {
        return new UmapParams(dimensions, neighbors, minDist, spread, epochs, negativeSampleRate, learningRate,
                repulsionStrength, i, seed, metric, knn, pcaDimensions);
    }

    public UmapParams withMetric(Metric m) {
        return new UmapParams(dimensions, neighbors, minDist, spread, epochs, negativeSampleRate, learningRate,
                repulsionStrength, initialization, seed, m, knn, pcaDimensions);
    }

    public UmapParams withKnn(NeighborSearches.Method m) {
        return new UmapParams(dimensions, neighbors, minDist, spread, epochs, negativeSampleRate, learningRate,
                repulsionStrength, initialization, seed, metric, m, pcaDimensions);
    }

    /** The parameters as stored in a layout's manifest. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dimensions", dimensions);
        m.put("n_neighbors", neighbors);
        m.put("min_dist", minDist);
        m.put("spread", spread);
        m.put("epochs", epochs);
        m.put("negative_sample_rate", negativeSampleRate);
        m.put("learning_rate", learningRate);
        m.put("repulsion_strength", repulsionStrength);
        m.put("initialization", initialization.cliName());
        m.put("seed", seed);
        m.put("metric", metric.cliName());
        m.put("knn", knn.name().toLowerCase(java.util.Locale.ROOT));
        m.put("pca_dimensions", pcaDimensions);
        return m;
    }
}
