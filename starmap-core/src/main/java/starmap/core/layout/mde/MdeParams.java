/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.mde;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import starmap.core.InvalidParameterException;
import starmap.core.layout.umap.Umap;

/**
 * The parameters of a minimum-distortion embedding, with PyMDE's defaults for {@code preserve_neighbors}
 * under the standardization constraint.
 *
 * @param dimensions         of the embedding, 2 to 8 (2, PyMDE's {@code embedding_dim})
 * @param attractiveExponent p of the attractive penalty w·log(1 + d^p), at least 1 so the pull stays
 *                           bounded at distance 0 (1.5, PyMDE's {@code Log1p})
 * @param repulsiveExponent  p of the repulsive penalty −log(1 − exp(−d^p)) (1.0, PyMDE's {@code Log})
 * @param repulsiveFraction  repulsive edges per attractive edge (0.5, PyMDE's choice for standardized
 *                           embeddings, whose constraint already spreads the points)
 * @param maxIterations      L-BFGS iterations at most (300, PyMDE's {@code max_iter}); 0 returns the start
 * @param tolerance          stop when the Frobenius norm of the average distortion's gradient, projected
 *                           onto the constraint's tangent space, is at most this (1e-5, PyMDE's {@code eps})
 * @param initialization     how the embedding starts ({@link Initialization#AUTO})
 * @param seed               of every random choice: the repulsive edges and the start
 */
public record MdeParams(int dimensions, double attractiveExponent, double repulsiveExponent,
        double repulsiveFraction, int maxIterations, double tolerance, Initialization initialization, long seed) {

    public static final MdeParams DEFAULTS = new MdeParams(2, 1.5, 1.0, 0.5, 300, 1e-5, Initialization.AUTO, 1);

    /** Above this many points {@link Initialization#AUTO} starts at random (the spectral start's cost grows faster). */
    public static final int SPECTRAL_MAX = Umap.SPECTRAL_MAX;

    /** How the embedding starts. Every start is projected onto the constraint set. */
    public enum Initialization {
        /** Spectral up to {@value MdeParams#SPECTRAL_MAX} points, random above. */
        AUTO,
        /**
         * The eigenvectors of the graph's normalised Laplacian (PyMDE's "quadratic" start); random where the
         * graph is disconnected, has an isolated point, or the eigensolver fails.
         */
        SPECTRAL,
        /** Standard normal coordinates. */
        RANDOM;

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MdeParams {
        InvalidParameterException.require(dimensions >= 2 && dimensions <= 8, "dimensions", "in [2, 8]", dimensions);
        InvalidParameterException.require(attractiveExponent >= 1 && attractiveExponent <= 10, "attractive-exponent",
                "in [1, 10]", attractiveExponent);
        InvalidParameterException.require(repulsiveExponent > 0 && repulsiveExponent <= 10, "repulsive-exponent",
                "in (0, 10]", repulsiveExponent);
        InvalidParameterException.require(repulsiveFraction >= 0 && repulsiveFraction <= 100, "repulsive-fraction",
                "in [0, 100]", repulsiveFraction);
        InvalidParameterException.require(maxIterations >= 0, "max-iterations", ">= 0", maxIterations);
        InvalidParameterException.require(tolerance >= 0 && Double.isFinite(tolerance), "tolerance", ">= 0",
                tolerance);
        InvalidParameterException.require(initialization != null, "initialization", "auto, spectral or random",
                initialization);
    }

    public MdeParams withDimensions(int d) {
        return new MdeParams(d, attractiveExponent, repulsiveExponent, repulsiveFraction, maxIterations, tolerance,
                initialization, seed);
    }

    public MdeParams withAttractiveExponent(double e) {
        return new MdeParams(dimensions, e, repulsiveExponent, repulsiveFraction, maxIterations, tolerance,
                initialization, seed);
    }

    public MdeParams withRepulsiveExponent(double e) {
        return new MdeParams(dimensions, attractiveExponent, e, repulsiveFraction, maxIterations, tolerance,
                initialization, seed);
    }

    public MdeParams withRepulsiveFraction(double f) {
        return new MdeParams(dimensions, attractiveExponent, repulsiveExponent, f, maxIterations, tolerance,
                initialization, seed);
    }

    public MdeParams withMaxIterations(int i) {
        return new MdeParams(dimensions, attractiveExponent, repulsiveExponent, repulsiveFraction, i, tolerance,
                initialization, seed);
    }

    public MdeParams withTolerance(double t) {
        return new MdeParams(dimensions, attractiveExponent, repulsiveExponent, repulsiveFraction, maxIterations, t,
                initialization, seed);
    }

    public MdeParams withInitialization(Initialization i) {
        return new MdeParams(dimensions, attractiveExponent, repulsiveExponent, repulsiveFraction, maxIterations,
                tolerance, i, seed);
    }

    public MdeParams withSeed(long s) {
        return new MdeParams(dimensions, attractiveExponent, repulsiveExponent, repulsiveFraction, maxIterations,
                tolerance, initialization, s);
    }

    /** The parameters as stored in a layout's manifest. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dimensions", dimensions);
        m.put("attractive_exponent", attractiveExponent);
        m.put("repulsive_exponent", repulsiveExponent);
        m.put("repulsive_fraction", repulsiveFraction);
        m.put("max_iterations", maxIterations);
        m.put("tolerance", tolerance);
        m.put("initialization", initialization.cliName());
        m.put("seed", seed);
        return m;
    }
}
