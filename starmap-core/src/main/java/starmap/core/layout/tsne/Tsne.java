/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import starmap.core.InvalidInputException;
import starmap.core.device.Accelerator;
import starmap.core.device.Accelerators;
import starmap.core.device.Device;
import starmap.core.graph.KnnGraph;
import starmap.core.knn.NeighborSearch;
import starmap.core.knn.NeighborSearches;
import starmap.core.knn.Recall;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.affinity.PerplexityAffinities;
import starmap.core.layout.affinity.SparseAffinities;
import starmap.core.layout.tsne.repulsion.BarnesHutRepulsion;
import starmap.core.layout.tsne.repulsion.DualTreeRepulsion;
import starmap.core.layout.tsne.repulsion.ExactRepulsion;
import starmap.core.layout.tsne.repulsion.FftRepulsion;
import starmap.core.layout.tsne.repulsion.RepulsionEstimator;
import starmap.core.pca.Pca;
import starmap.core.pca.PcaModel;
import starmap.core.simd.Kernels;
import starmap.core.vectors.DenseVectors;
import starmap.core.vectors.VectorSource;

/**
 * The t-SNE recipe: a table of stages, each timed and reported to the context's progress.
 *
 * <pre>
 * pca         inputs wider than 100 dimensions → pcaDimensions principal components
 * knn         3 × perplexity neighbours (or a given graph's nearest ones)
 * affinities  perplexity-calibrated, symmetric P
 * init        PCA (or random), standard deviation 1e-4
 * optimize    gradient descent with the chosen repulsion estimator
 * </pre>
 */
public final class Tsne {
    /** Up to this many points, {@link Approximation#AUTO} computes repulsion exactly. */
    static final int EXACT_MAX_N = 1000;
    private static final double INIT_STD = 1e-4;
    /** Points an approximate kNN graph's recall is measured on (not timed as part of the kNN stage). */
    static final int RECALL_SAMPLE = 1000;

    private Tsne() {
    }

    /** Runs t-SNE on vectors. */
    public static TsneResult run(VectorSource data, TsneParams p, LayoutContext ctx) {
        return run(data, null, p, ctx);
    }

    /**
     * Runs t-SNE on vectors, reusing {@code graph} (at least 3 × perplexity neighbours of each point,
     * found with {@code p.metric()}) when it is not null; the vectors then serve the PCA initialisation only.
     */
    public static TsneResult run(VectorSource data, KnnGraph graph, TsneParams p, LayoutContext ctx) {
        int n = data.size();
        p.validateFor(n);
        Map<String, Duration> timings = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        boolean reduce = data.dimension() > TsneParams.PCA_ABOVE && p.pcaDimensions() < data.dimension();
        PcaModel pca = reduce || p.initialization() == TsneParams.Initialization.PCA
                ? stage("pca", timings, ctx, () -> Pca.fit(data, Math.max(reduce ? p.pcaDimensions() : 0,
                        p.dimensions()), Pca.Solver.AUTO, p.seed(), ctx.parallel())) : null;
        try (DenseVectors reduced = reduce ? pca.transform(data, ctx.parallel()) : null) {
            VectorSource space = reduced != null ? reduced : data;
            int k = p.neighbors(n);
            KnnGraph knn;
            if (graph != null && graph.k() >= k) {
                knn = graph.nearest(k);
                details.put("knn", "given");
            } else {
                NeighborSearch search = search(p, n, space.dimension(), ctx);
                String method = search.name();
                details.put("knn", method);
                long t0 = System.nanoTime();
                knn = neighbors(space, search, p, ctx);
                timings.put("knn", Duration.ofNanos(System.nanoTime() - t0));
                if (!method.startsWith("exact")) {
                    details.put("knn_recall", Recall.measure(knn, space, p.metric(), RECALL_SAMPLE, p.seed(),
                            ctx.parallel()));
                }
            }
            SparseAffinities aff = stage("affinities", timings, ctx,
                    () -> new PerplexityAffinities(p.perplexity()).fit(knn, ctx.parallel()));
            double[] init = stage("init", timings, ctx, () -> initial(p, n, pca, reduced, data));
            details.put("pca_input_dimensions", reduce ? p.pcaDimensions() : data.dimension());
            details.put("threads", ctx.parallel().threads());
            details.put("simd", Kernels.get().name());
            try (TsneOptimization run = optimization(aff, init, p, ctx)) {
                details.put("approximation", run.approximation());
                details.put("learning_rate", run.learningRate());
                ctx.progress().begin("optimize (" + run.approximation() + ")", p.iterations());
                long t0 = System.nanoTime();
                try {
                    run.finish();
                } finally {
                    ctx.progress().end();
                }
                timings.put("optimize", Duration.ofNanos(System.nanoTime() - t0));
                return new TsneResult(run.snapshot(), knn, aff, timings, run.klDivergence(), details);
            }
        }
    }

    /** The 3 × perplexity nearest neighbours of every point with the search {@code p} asks for. */
    public static KnnGraph neighbors(VectorSource space, TsneParams p, LayoutContext ctx) {
        return neighbors(space, search(p, space.size(), space.dimension(), ctx), p, ctx);
    }

    private static KnnGraph neighbors(VectorSource space, NeighborSearch search, TsneParams p, LayoutContext ctx) {
        int n = space.size();
        int k = p.neighbors(n);
        ctx.progress().begin("knn (" + search.name() + ", k = " + k + ")", n);
        try {
            return search.search(space, k, p.metric(), ctx.parallel(), ctx.progress());
        } finally {
            ctx.progress().end();
        }
    }

    /**
     * The kNN search {@code p} asks for: an exact search on the context's accelerator when there is one
     * and it handles the metric and k (for {@code exact}, and for {@code auto} up to
     * {@link Accelerators#EXACT_KNN_BUDGET} n²d; under {@link Device#AUTO} it falls back to the CPU when
     * it fails), else the CPU's.
     */
    static NeighborSearch search(TsneParams p, int n, int d, LayoutContext ctx) {
        NeighborSearch cpu = NeighborSearches.of(p.knn(), n, d);
        boolean exactFits = p.knn() == NeighborSearches.Method.EXACT
                || (p.knn() == NeighborSearches.Method.AUTO && (double) n * n * d <= Accelerators.EXACT_KNN_BUDGET);
        if (exactFits) {
            Optional<Accelerator> acc = Accelerators.pick(ctx.device(), n);
            NeighborSearch s = acc.map(a -> a.exactSearch(p.metric(), p.neighbors(n))).orElse(null);
            if (s != null) {
                return ctx.device() == Device.AUTO ? Accelerators.withFallback(s, cpu) : s;
            }
        }
        return cpu;
    }

    /**
     * The optimisation for a run: on the context's accelerator when one is picked and the repulsion
     * method allows it (the GPU interpolates with FFTs: {@code auto} or {@code fft}), else on the CPU.
     * {@link Device#AUTO} picks the GPU for 2D layouts only; 3D runs there with {@link Device#GPU}.
     *
     * @throws InvalidInputException for {@code --device gpu} with a CPU-only approximation or dimension
     */
    public static TsneOptimization optimization(SparseAffinities aff, double[] init, TsneParams p, LayoutContext ctx) {
        int n = aff.size();
        Approximation a = p.approximation();
        boolean gpuMethod = a == Approximation.AUTO || a == Approximation.FFT;
        if (ctx.device() == Device.GPU && !gpuMethod) {
            throw InvalidInputException.in("--approximation").problem(a.cliName() + " runs on the CPU only; on the "
                    + "GPU repulsion is computed by FFT interpolation (use --approximation auto or fft, or --device cpu)");
        }
        // 3D on the GPU is opt-in (--device gpu): its agreement with the CPU over a whole run is not yet measured
        if (gpuMethod && (p.dimensions() == 2 || ctx.device() == Device.GPU)) {
            Optional<Accelerator> acc = Accelerators.pick(ctx.device(), n);
            if (acc.isPresent()) {
                TsneOptimization o;
                try {
                    o = acc.get().tsne(aff, init, p, ctx);
                } catch (InvalidInputException e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (ctx.device() == Device.GPU) {
                        throw e;
                    }
                    // e.g. out of device memory while uploading: the GPU was an optimisation
                    Accelerators.note("t-SNE could not start on the GPU (" + e.getMessage() + "); running on the CPU");
                    o = null;
                }
                if (o != null) {
                    return o;
                }
                if (ctx.device() == Device.GPU) {
                    throw InvalidInputException.in("--dim").problem(p.dimensions() + " dimensions run on the CPU only; "
                            + "the GPU lays out in 2 or 3 (use --device cpu)");
                }
            }
        }
        return new TsneRun(aff, init, p, repulsion(p, n), ctx);
    }

    /** The repulsion estimator for a run: the requested one, or by size and dimension for AUTO. */
    public static RepulsionEstimator repulsion(TsneParams p, int n) {
        Approximation a = p.approximation();
        if (a == Approximation.AUTO) {
            a = n <= EXACT_MAX_N || p.dimensions() == 1 ? Approximation.EXACT : Approximation.BARNES_HUT;
        }
        return switch (a) {
            case EXACT -> new ExactRepulsion(p.dimensions());
            case BARNES_HUT -> new BarnesHutRepulsion(p.dimensions(), p.theta());
            case FFT -> new FftRepulsion(FftRepulsion.Params.DEFAULTS);
            case DUAL_TREE -> new DualTreeRepulsion(p.dimensions(), DualTreeRepulsion.DEFAULT_THETA);
            case AUTO -> throw new IllegalStateException("resolved above");
        };
    }

    /** Starts an optimisation from given affinities and initial positions, for callers that need to step it. */
    public static TsneRun start(SparseAffinities p, double[] initial, TsneParams params, LayoutContext ctx) {
        return new TsneRun(p, initial, params, repulsion(params, p.size()), ctx);
    }

    private static double[] initial(TsneParams p, int n, PcaModel pca, DenseVectors reduced, VectorSource data) {
        int dim = p.dimensions();
        double[] y = new double[n * dim];
        if (p.initialization() == TsneParams.Initialization.RANDOM) {
            SplittableRandom rnd = new SplittableRandom(p.seed());
            for (int c = 0; c < y.length; c++) {
                y[c] = rnd.nextGaussian() * INIT_STD;
            }
            return y;
        }
        float[] row = new float[pca.dimension()];
        float[] comps = pca.components();
        int d = pca.dimension();
        for (int i = 0; i < n; i++) {
            if (reduced != null) {
                for (int a = 0; a < dim; a++) {
                    y[i * dim + a] = reduced.get(i, a);
                }
            } else {
                data.read(i, row, 0);
                for (int a = 0; a < dim; a++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += (row[j] - pca.mean()[j]) * comps[a * d + j];
                    }
                    y[i * dim + a] = s;
                }
            }
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += y[i * dim];
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            double t = y[i * dim] - mean;
            var += t * t;
        }
        double sd = Math.sqrt(var / Math.max(1, n - 1));
        double scale = sd > 0 ? INIT_STD / sd : 1;
        for (int c = 0; c < y.length; c++) {
            y[c] *= scale;
        }
        return y;
    }

    private static <T> T stage(String name, Map<String, Duration> timings, LayoutContext ctx, Supplier<T> work) {
        ctx.progress().begin(name, 0);
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            timings.put(name, Duration.ofNanos(System.nanoTime() - t0));
            ctx.progress().end();
        }
    }
}
