/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.mde;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import starmap.core.InvalidParameterException;
import starmap.core.layout.Embedding;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.umap.SpectralInit;
import starmap.core.sparse.CsrMatrix;

/**
 * Minimum-distortion embedding of a weighted graph, PyMDE's {@code preserve_neighbors} problem with the
 * standardization constraint: the graph's edges attract ({@link Distortion}), repulsive edges sampled
 * among its non-edges ({@link NegativeSampler}) push apart, and L-BFGS ({@link Lbfgs}) minimises the
 * average distortion over centred embeddings with YᵀY / n = I ({@link Standardized}), from a spectral or
 * random start.
 *
 * <p>For a kNN graph the weights follow PyMDE: 1 where one of two points lists the other, 2 where both do.
 *
 * <p>Degenerate graphs: a point with no attractive edge is placed only by the repulsive edges that reach
 * it, which push it to the outskirts (where none does, it moves only with the whole embedding as the
 * constraint is restored). Several
 * components start at random, the spectral start needing a connected graph, and drift apart: nothing
 * pulls them together while the repulsive edges between them push. A graph with no edge at all keeps its
 * random start, with distortion 0. The embedding is always finite.
 */
public final class Mde {
    private Mde() {
    }

    /**
     * What a run made.
     *
     * @param embedding         the standardized embedding, n × dimensions
     * @param initialDistortion the average distortion at the start
     * @param averageDistortion the average distortion at the end
     * @param iterations        L-BFGS steps taken
     * @param timings           per stage
     * @param details           what was chosen on the way (edges, initialisation, why it stopped)
     */
    public record Result(Embedding embedding, double initialDistortion, double averageDistortion, int iterations,
            Map<String, Duration> timings, Map<String, Object> details) {
    }

    /**
     * Embeds the graph with symmetric non-negative weights {@code weights} (no diagonal); zero weights
     * count as no edge.
     *
     * @throws starmap.core.InvalidInputException when the matrix is not square and symmetric, has a diagonal
     *         entry or a negative or non-finite weight, or has no more points than {@code p.dimensions()}
     * @throws starmap.core.progress.CancelledException when {@code ctx.progress()} asks to stop
     */
    public static Result run(CsrMatrix weights, MdeParams p, LayoutContext ctx) {
        Weights.check(weights, p.dimensions());
        int n = weights.rows();
        SplittableRandom root = new SplittableRandom(p.seed());
        SplittableRandom forEdges = root.split();
        long startSeed = root.split().nextLong();
        Map<String, Duration> timings = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        Distortion f = stage("edges", timings, () -> edges(weights, p, forEdges, details));
        Standardized constraint = new Standardized(n, p.dimensions(), ctx.parallel());
        Start start = stage("init", timings, () -> start(weights, p, constraint, startSeed, ctx));
        details.put("initialization", start.how());
        double[] y = start.y();
        Lbfgs.Outcome o = stage("optimize", timings, () -> new Lbfgs(f, constraint, y.length, ctx.parallel())
                .minimize(y, p, ctx.progress()));
        details.put("iterations", o.iterations());
        details.put("stop", o.stop());
        details.put("gradient_norm", o.gradientNorm());
        float[] coords = new float[y.length];
        for (int c = 0; c < y.length; c++) {
            coords[c] = (float) y[c];
        }
        return new Result(Embedding.of(p.dimensions(), coords), o.initialValue(), o.value(), o.iterations(), timings,
                details);
    }

    private static <T> T stage(String name, Map<String, Duration> timings, Supplier<T> work) {
        long t0 = System.nanoTime();
        T out = work.get();
        timings.put(name, Duration.ofNanos(System.nanoTime() - t0));
        return out;
    }

    /** The attractive edges and repulsiveFraction times as many sampled non-edges (fewer if that many do not exist). */
    private static Distortion edges(CsrMatrix w, MdeParams p, SplittableRandom rnd, Map<String, Object> details) {
        long attractive = Weights.attractiveEdges(w);
        long available = Weights.nonEdges(w);
        long repulsive = Math.min((long) (p.repulsiveFraction() * attractive), available);
        InvalidParameterException.require(2 * (attractive + repulsive) < Integer.MAX_VALUE - 8, "repulsive-fraction",
                "small enough for " + attractive + " attractive edges and the repulsive ones to fit 2^30 edges",
                p.repulsiveFraction());
        details.put("attractive_edges", attractive);
        details.put("repulsive_edges", repulsive);
        return Distortion.of(w, NegativeSampler.sample(w, (int) repulsive, available, rnd), p);
    }

    /** A starting point of the constraint set, and how it was found. */
    private record Start(double[] y, String how) {
    }

    /** Spectral where asked for and possible, else random. */
    private static Start start(CsrMatrix w, MdeParams p, Standardized constraint, long seed, LayoutContext ctx) {
        int n = w.rows();
        int dim = p.dimensions();
        double[] y = null;
        String how = "random";
        if (p.initialization() != MdeParams.Initialization.RANDOM) {
            boolean tooLarge = p.initialization() == MdeParams.Initialization.AUTO && n > MdeParams.SPECTRAL_MAX;
            int components = tooLarge ? 1 : SpectralInit.components(w);
            if (tooLarge) {
                how = "random (more than " + MdeParams.SPECTRAL_MAX + " points)";
            } else if (components > 1) {
                how = "random (the graph has " + components + " components)";
            } else {
                ctx.progress().begin("spectral initialisation", 0);
                try {
                    y = SpectralInit.layout(w, dim, seed, ctx.parallel()).orElse(null);
                } finally {
                    ctx.progress().end();
                }
                how = y != null ? "spectral" : "random (the spectral initialisation failed)";
            }
        }
        if (y != null && !constraint.project(y)) {
            y = null;
            how = "random (the spectral initialisation is degenerate)";
        }
        if (y == null) {
            SplittableRandom rnd = new SplittableRandom(seed);
            y = new double[n * dim];
            for (int c = 0; c < y.length; c++) {
                y[c] = rnd.nextGaussian();
            }
            constraint.project(y);
        }
        return new Start(y, how);
    }
}
