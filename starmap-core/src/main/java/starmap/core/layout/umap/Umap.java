/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.umap;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import starmap.core.InvalidParameterException;
import starmap.core.graph.KnnGraph;
import starmap.core.knn.NeighborSearch;
import starmap.core.knn.NeighborSearches;
import starmap.core.layout.Embedding;
import starmap.core.layout.LayoutContext;
import starmap.core.pca.Pca;
import starmap.core.pca.PcaModel;
import starmap.core.sparse.CsrMatrix;
import starmap.core.vectors.DenseVectors;
import starmap.core.vectors.VectorSource;

/**
 * UMAP: kNN graph (or a stored one) → fuzzy simplicial set ({@link FuzzySimplicialSet}) → spectral
 * initialisation ({@link SpectralInit}; PCA where the graph is disconnected or above
 * {@value #SPECTRAL_MAX} points) → SGD with negative sampling ({@link UmapOptimizer}), with a and b
 * from min_dist and spread ({@link CurveFit}).
 */
public final class Umap {
    /** Above this many points the spectral initialisation gives way to PCA (its cost grows faster). */
    public static final int SPECTRAL_MAX = 300_000;

    private Umap() {
    }

    /**
     * What a run made.
     *
     * @param embedding the layout
     * @param knn       the kNN graph it used (stored or found)
     * @param graph     the fuzzy simplicial set
     * @param timings   per stage
     * @param details   what was chosen on the way (a, b, epochs, initialisation, components)
     */
    public record Result(Embedding embedding, KnnGraph knn, CsrMatrix graph, Map<String, Duration> timings,
            Map<String, Object> details) {
    }

    /**
     * Lays out the points of {@code space}. A stored graph with at least n_neighbors − 1 neighbours
     * is used (its nearest ones) instead of a new search; with a graph and no vectors ({@code space}
     * null), the PCA initialisation is unavailable and random stands in for it.
     */
    public static Result run(VectorSource space, KnnGraph stored, UmapParams p, LayoutContext ctx) {
        int n = stored != null ? stored.size() : space.size();
        InvalidParameterException.require(n >= 2, "points", ">= 2 for a layout", n);
        int k = p.neighborsFor(n);
        Map<String, Duration> timings = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        KnnGraph knn = stage("knn", timings, () -> {
            if (stored != null && stored.k() >= k) {
                details.put("knn", "stored");
                return stored.k() == k ? stored : stored.nearest(k);
            }
            if (space == null) {
                throw InvalidParameterException.in("graph").problem("has " + (stored == null ? 0 : stored.k())
                        + " neighbours per point; n_neighbors " + p.neighbors() + " needs " + k);
            }
            NeighborSearch search = NeighborSearches.of(p.knn(), n, space.dimension());
            details.put("knn", search.name());
            ctx.progress().begin("knn (" + search.name() + ", k = " + k + ")", n);
            try {
                return search.search(space, k, p.metric(), ctx.parallel(), ctx.progress());
            } finally {
                ctx.progress().end();
            }
        });
        CsrMatrix graph = stage("fuzzy_set", timings, () -> FuzzySimplicialSet.of(knn, k, ctx.parallel()));
        int dim = p.dimensions();
        double[] init = stage("init", timings, () -> initial(space, graph, p, details, ctx));
        double[] ab = CurveFit.ab(p.spread(), p.minDist());
        int epochs = p.epochsFor(n);
        details.put("a", ab[0]);
        details.put("b", ab[1]);
        details.put("epochs", epochs);
        details.put("edges", graph.nonZeros());
        float[] y = new float[n * dim];
        for (int c = 0; c < y.length; c++) {
            y[c] = (float) init[c];
        }
        stage("optimize", timings, () -> {
            UmapOptimizer.run(graph, y, dim, ab[0], ab[1], p, epochs, ctx.parallel(), ctx.progress());
            return null;
        });
        return new Result(Embedding.of(dim, y), knn, graph, timings, details);
    }

    private static <T> T stage(String name, Map<String, Duration> timings, Supplier<T> work) {
        long t0 = System.nanoTime();
        T out = work.get();
        timings.put(name, Duration.ofNanos(System.nanoTime() - t0));
        return out;
    }

    /** The starting layout, scaled as umap-learn scales it: to [−10, 10], a little noise, then [0, 10] per axis. */
    private static double[] initial(VectorSource space, CsrMatrix graph, UmapParams p, Map<String, Object> details,
            LayoutContext ctx) {
        int n = graph.rows();
        int dim = p.dimensions();
        UmapParams.Initialization how = p.initialization();
        double[] y = null;
        if (how == UmapParams.Initialization.SPECTRAL) {
            int components = SpectralInit.components(graph);
            details.put("components", components);
            if (components == 1 && n <= SPECTRAL_MAX) {
                ctx.progress().begin("spectral initialisation", 0);
                try {
                    y = SpectralInit.layout(graph, dim, p.seed(), ctx.parallel()).orElse(null);
                } finally {
                    ctx.progress().end();
                }
            }
            details.put("initialization", y != null ? "spectral" : components > 1
                    ? "pca (the graph has " + components + " components)" : "pca (more than " + SPECTRAL_MAX + " points)");
            if (y == null) {
                how = UmapParams.Initialization.PCA;
            }
        } else {
            details.put("initialization", how.cliName());
        }
        if (y == null && how == UmapParams.Initialization.PCA && space != null && space.dimension() >= dim) {
            y = pca(space, dim, p.seed(), ctx);
        }
        SplittableRandom rnd = new SplittableRandom(p.seed());
        if (y == null) {
            if (how != UmapParams.Initialization.RANDOM) {
                details.put("initialization", "random (no vectors for PCA)");
            }
            y = new double[n * dim];
            for (int c = 0; c < y.length; c++) {
                y[c] = rnd.nextDouble(-10, 10);
            }
        }
        double max = 0;
        for (double v : y) {
            max = Math.max(max, Math.abs(v));
        }
        double expansion = max > 0 ? 10 / max : 1;
        for (int c = 0; c < y.length; c++) {
            y[c] = y[c] * expansion + rnd.nextGaussian() * 1e-4;
        }
        for (int a = 0; a < dim; a++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, y[i * dim + a]);
                hi = Math.max(hi, y[i * dim + a]);
            }
            double span = hi > lo ? hi - lo : 1;
            for (int i = 0; i < n; i++) {
                y[i * dim + a] = 10 * (y[i * dim + a] - lo) / span;
            }
        }
        return y;
    }

    /** The first {@code dim} principal components of the input. */
    private static double[] pca(VectorSource space, int dim, long seed, LayoutContext ctx) {
        int n = space.size();
        PcaModel m = Pca.fit(space, dim, Pca.Solver.AUTO, seed, ctx.parallel());
        double[] y = new double[n * dim];
        try (DenseVectors t = m.transform(space, ctx.parallel())) {
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < dim; a++) {
                    y[i * dim + a] = t.get(i, a);
                }
            }
        }
        return y;
    }
}
