/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import starmap.core.InvalidParameterException;
import starmap.core.knn.Metric;
import starmap.core.knn.NeighborSearches;

/**
 * Everything that defines a t-SNE run. Build from {@link #DEFAULTS} with the {@code with…} methods or
 * {@link #fromMap}; validated on construction (rules that depend on n are checked when the run starts).
 *
 * @param dimensions                   output dimensions, 1 to 3 (default 2; 1-D supports exact only)
 * @param perplexity                   effective neighbours per point (default 30); below n / 3
 * @param iterations                   total optimisation iterations, early exaggeration included (default 750)
 * @param earlyExaggerationIterations  iterations with exaggerated attraction (default 250)
 * @param earlyExaggeration            the exaggeration factor of those iterations (default 12)
 * @param exaggeration                 the factor afterwards (default 1; above 1 tightens clusters)
 * @param learningRate                 step size (default auto: max(n / early exaggeration, 200))
 * @param initialMomentum              momentum during early exaggeration (default 0.5)
 * @param finalMomentum                momentum afterwards (default 0.8)
 * @param maxStepNorm                  longest step a point may take in one iteration (default 5, as openTSNE);
 *                                     stops points shooting off when exaggeration ends, which would stretch
 *                                     the layout's extent and with it the FFT grid; infinity turns it off
 * @param theta                        Barnes-Hut opening angle (default 0.5)
 * @param approximation                repulsion method (default auto)
 * @param initialization               PCA (default) or random, both scaled to standard deviation 1e-4
 * @param seed                         random seed (default 1)
 * @param metric                       input distance (default euclidean)
 * @param knn                          neighbour search (default auto: exact when affordable, else HNSW)
 * @param pcaDimensions                inputs wider than 100 dimensions are first reduced to this many
 *                                     principal components (default 50), as Rtsne and openTSNE do
 */
public record TsneParams(int dimensions, double perplexity, int iterations, int earlyExaggerationIterations,
        double earlyExaggeration, double exaggeration, LearningRate learningRate, double initialMomentum,
        double finalMomentum, double maxStepNorm, double theta, Approximation approximation,
        Initialization initialization, long seed, Metric metric, NeighborSearches.Method knn, int pcaDimensions) {

    /** Inputs wider than this are reduced with PCA first. */
    public static final int PCA_ABOVE = 100;
    /** How often an optimisation estimates the KL divergence (it costs a log per non-zero of P). */
    public static final int KL_EVERY = 50;

    /** The defaults listed above. */
    public static final TsneParams DEFAULTS = new TsneParams(2, 30, 750, 250, 12, 1, new LearningRate.Auto(), 0.5,
            0.8, 5, 0.5, Approximation.AUTO, Initialization.PCA, 1, Metric.EUCLIDEAN, NeighborSearches.Method.AUTO, 50);

    /** How the embedding starts. */
    public enum Initialization { PCA, RANDOM }

    public TsneParams {
        InvalidParameterException.require(dimensions >= 1 && dimensions <= 3, "dimensions", "1, 2 or 3 for t-SNE",
                dimensions);
        InvalidParameterException.require(perplexity > 0 && Double.isFinite(perplexity), "perplexity", "> 0", perplexity);
        InvalidParameterException.require(iterations >= 0, "iterations", ">= 0", iterations);
        InvalidParameterException.require(earlyExaggerationIterations >= 0, "early exaggeration iterations", ">= 0",
                earlyExaggerationIterations);
        InvalidParameterException.require(earlyExaggeration > 0, "early exaggeration", "> 0", earlyExaggeration);
        InvalidParameterException.require(exaggeration > 0, "exaggeration", "> 0", exaggeration);
        InvalidParameterException.require(initialMomentum >= 0 && initialMomentum < 1, "initial momentum", "in [0, 1)",
                initialMomentum);
        InvalidParameterException.require(finalMomentum >= 0 && finalMomentum < 1, "final momentum", "in [0, 1)",
                finalMomentum);
        InvalidParameterException.require(maxStepNorm > 0, "max step norm", "> 0 (Infinity for no limit)",
                maxStepNorm);
        InvalidParameterException.require(theta >= 0 && Double.isFinite(theta), "theta", ">= 0", theta);
        InvalidParameterException.require(pcaDimensions >= 1, "pca dimensions", ">= 1", pcaDimensions);
        InvalidParameterException.require(dimensions > 1 || approximation == Approximation.EXACT
                || approximation == Approximation.AUTO, "approximation", "exact for 1-D layouts", approximation.cliName());
        InvalidParameterException.require(approximation != Approximation.FFT || dimensions == 2, "approximation",
                "bh or exact for " + dimensions + "-D layouts (fft is 2-D only)", approximation.cliName());
    }

    /** The exaggeration of the attractive term at (0-based) {@code iteration}: early, then late. */
    public double exaggerationAt(int iteration) {
        return iteration < earlyExaggerationIterations ? earlyExaggeration : exaggeration;
    }

    /** The momentum at (0-based) {@code iteration}: initial during early exaggeration, then final. */
    public double momentumAt(int iteration) {
        return iteration < earlyExaggerationIterations ? initialMomentum : finalMomentum;
    }

    /** Whether an optimisation estimates KL at (0-based) {@code iteration}: every {@value #KL_EVERY}, and the last. */
    public boolean estimatesKlAt(int iteration) {
        return (iteration + 1) % KL_EVERY == 0 || iteration + 1 == iterations;
    }

    /** Checks the rules that depend on the number of points. */
    public void validateFor(int n) {
        InvalidParameterException.require(n >= 2, "points", "at least 2 for t-SNE", n);
        InvalidParameterException.require(perplexity < n / 3.0, "perplexity",
                String.format(Locale.ROOT, "< n / 3 = %.4g for %d points", n / 3.0, n), perplexity);
    }

    /** Neighbours to search: 3 × perplexity, at most n − 1. */
    public int neighbors(int n) {
        return (int) Math.min(n - 1L, (long) Math.ceil(3 * perplexity));
    }

    public TsneParams withDimensions(int d) {
        return new Builder(this).dimensions(d).build();
    }

    public TsneParams withPerplexity(double p) {
        return new Builder(this).perplexity(p).build();
    }

    public TsneParams withIterations(int i) {
        return new Builder(this).iterations(i).build();
    }

    public TsneParams withTheta(double t) {
        return new Builder(this).theta(t).build();
    }

    public TsneParams withApproximation(Approximation a) {
        return new Builder(this).approximation(a).build();
    }

    public TsneParams withSeed(long s) {
        return new Builder(this).seed(s).build();
    }

    public TsneParams withInitialization(Initialization i) {
        return new Builder(this).initialization(i).build();
    }

    public TsneParams withLearningRate(LearningRate r) {
        return new Builder(this).learningRate(r).build();
    }

    public TsneParams withMaxStepNorm(double v) {
        return new Builder(this).maxStepNorm(v).build();
    }

    public TsneParams withEarlyExaggeration(double factor, int iters) {
        return new Builder(this).earlyExaggeration(factor).earlyExaggerationIterations(iters).build();
    }

    public TsneParams withKnn(NeighborSearches.Method m) {
        return new Builder(this).knn(m).build();
    }

    public TsneParams withMetric(Metric m) {
        return new Builder(this).metric(m).build();
    }

    /** Every parameter as name → String/Number/Boolean, in declaration order; {@link #fromMap} inverts it. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dimensions", dimensions);
        m.put("perplexity", perplexity);
        m.put("iterations", iterations);
        m.put("early_exaggeration_iterations", earlyExaggerationIterations);
        m.put("early_exaggeration", earlyExaggeration);
        m.put("exaggeration", exaggeration);
        m.put("learning_rate", learningRate.toString());
        m.put("initial_momentum", initialMomentum);
        m.put("final_momentum", finalMomentum);
        m.put("max_step_norm", maxStepNorm);
        m.put("theta", theta);
        m.put("approximation", approximation.cliName());
        m.put("initialization", initialization.name().toLowerCase(Locale.ROOT));
        m.put("seed", seed);
        m.put("metric", metric.cliName());
        m.put("knn", knn.cliName());
        m.put("pca_dimensions", pcaDimensions);
        return m;
    }

    /** Parameters from a map written by {@link #toMap}; missing keys take the defaults. */
    public static TsneParams fromMap(Map<String, ?> m) {
        Builder b = new Builder(DEFAULTS);
        m.forEach((k, v) -> {
            String s = String.valueOf(v);
            switch (k) {
                case "dimensions" -> b.dimensions(Integer.parseInt(s));
                case "perplexity" -> b.perplexity(Double.parseDouble(s));
                case "iterations" -> b.iterations(Integer.parseInt(s));
                case "early_exaggeration_iterations" -> b.earlyExaggerationIterations(Integer.parseInt(s));
                case "early_exaggeration" -> b.earlyExaggeration(Double.parseDouble(s));
                case "exaggeration" -> b.exaggeration(Double.parseDouble(s));
                case "learning_rate" -> b.learningRate(LearningRate.parse(s));
                case "initial_momentum" -> b.initialMomentum(Double.parseDouble(s));
                case "final_momentum" -> b.finalMomentum(Double.parseDouble(s));
                case "max_step_norm" -> b.maxStepNorm(Double.parseDouble(s));
                case "theta" -> b.theta(Double.parseDouble(s));
                case "approximation" -> b.approximation(Approximation.parse(s));
                case "initialization" -> b.initialization(Initialization.valueOf(s.toUpperCase(Locale.ROOT)));
                case "seed" -> b.seed(Long.parseLong(s));
                case "metric" -> b.metric(Metric.parse(s));
                case "knn" -> b.knn(NeighborSearches.Method.parse(s));
                case "pca_dimensions" -> b.pcaDimensions(Integer.parseInt(s));
                default -> throw InvalidParameterException.of("t-SNE parameter", "one of " + DEFAULTS.toMap().keySet(), k);
            }
        });
        return b.build();
    }

    /** Mutable copy of a {@link TsneParams}. */
    public static final class Builder {
        private int dimensions;
        private double perplexity;
        private int iterations;
        private int earlyExaggerationIterations;
        private double earlyExaggeration;
        private double exaggeration;
        private LearningRate learningRate;
        private double initialMomentum;
        private double finalMomentum;
        private double maxStepNorm;
        private double theta;
        private Approximation approximation;
        private Initialization initialization;
        private long seed;
        private Metric metric;
        private NeighborSearches.Method knn;
        private int pcaDimensions;

        public Builder(TsneParams p) {
            dimensions = p.dimensions;
            perplexity = p.perplexity;
            iterations = p.iterations;
            earlyExaggerationIterations = p.earlyExaggerationIterations;
            earlyExaggeration = p.earlyExaggeration;
            exaggeration = p.exaggeration;
            learningRate = p.learningRate;
            initialMomentum = p.initialMomentum;
            finalMomentum = p.finalMomentum;
            maxStepNorm = p.maxStepNorm;
            theta = p.theta;
            approximation = p.approximation;
            initialization = p.initialization;
            seed = p.seed;
            metric = p.metric;
            knn = p.knn;
            pcaDimensions = p.pcaDimensions;
        }

        public Builder dimensions(int v) {
            dimensions = v;
            return this;
        }

        public Builder perplexity(double v) {
            perplexity = v;
            return this;
        }

        public Builder iterations(int v) {
            iterations = v;
            return this;
        }

        public Builder earlyExaggerationIterations(int v) {
            earlyExaggerationIterations = v;
            return this;
        }

        public Builder earlyExaggeration(double v) {
            earlyExaggeration = v;
            return this;
        }

        public Builder exaggeration(double v) {
            exaggeration = v;
            return this;
        }

        public Builder learningRate(LearningRate v) {
            learningRate = v;
            return this;
        }

        public Builder initialMomentum(double v) {
            initialMomentum = v;
            return this;
        }

        public Builder finalMomentum(double v) {
            finalMomentum = v;
            return this;
        }

        public Builder maxStepNorm(double v) {
            maxStepNorm = v;
            return this;
        }

        public Builder theta(double v) {
            theta = v;
            return this;
        }

        public Builder approximation(Approximation v) {
            approximation = v;
            return this;
        }

        public Builder initialization(Initialization v) {
            initialization = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder metric(Metric v) {
            metric = v;
            return this;
        }

        public Builder knn(NeighborSearches.Method v) {
            knn = v;
            return this;
        }

        public Builder pcaDimensions(int v) {
            pcaDimensions = v;
            return this;
        }

        public TsneParams build() {
            return new TsneParams(dimensions, perplexity, iterations, earlyExaggerationIterations, earlyExaggeration,
                    exaggeration, learningRate, initialMomentum, finalMomentum, maxStepNorm, theta, approximation,
                    initialization, seed, metric, knn, pcaDimensions);
        }
    }
}
