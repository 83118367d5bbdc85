/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.mde;

import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;

/**
 * L-BFGS on the standardization constraint's manifold, as PyMDE runs it: the gradient is projected onto
 * the tangent space at the iterate, the two-loop recursion over the last {@value #MEMORY} pairs of steps
 * and projected-gradient changes gives a direction (projected again), a backtracking line search with
 * the Armijo condition picks the step along it, and each trial point is projected back onto the set.
 * Where no step decreases the distortion the memory is dropped and the projected gradient tried; where
 * that fails too, the run stops. Stops also when the projected gradient's norm reaches the tolerance.
 *
 * <p>Memory: besides the iterate, 2·{@value #MEMORY} + 4 vectors of n·dim doubles. Not thread-safe;
 * one run at a time.
 */
final class Lbfgs {
    /** What a run did: the value at start and end, steps taken, final projected-gradient norm, why it stopped. */
    record Outcome(double initialValue, double value, int iterations, double gradientNorm, String stop) {
    }

    private static final int MEMORY = 10;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_TRIALS = 30;
    /** The very first trial step moves no coordinate further than this (the constraint fixes the scale at 1). */
    private static final double FIRST_STEP = 0.5;
    private static final int VECTOR_CHUNK = 1 << 14;

    private final Distortion f;
    private final Standardized constraint;
    private final Parallel par;
    private final int len;
    private final double[][] steps = new double[MEMORY][];
    private final double[][] changes = new double[MEMORY][];
    private final double[] rho = new double[MEMORY];
    private final double[] alphas = new double[MEMORY];
    private final int[] order = new int[MEMORY];
    private final double[] dir;
    private int remembered;
    private double gamma;
    private double[] y;
    private double[] g;
    private double[] trialY;
    private double[] trialG;
    private double trialValue;

    Lbfgs(Distortion f, Standardized constraint, int len, Parallel par) {
        this.f = f;
        this.constraint = constraint;
        this.par = par;
        this.len = len;
        this.g = new double[len];
        this.trialY = new double[len];
        this.trialG = new double[len];
        this.dir = new double[len];
        for (int k = 0; k < MEMORY; k++) {
            order[k] = k;
        }
    }

    /** Minimises from {@code start} (a point of the constraint set), which receives the result. */
    Outcome minimize(double[] start, MdeParams p, Progress progress) {
        y = start;
        double initial = f.evaluate(y, g, par);
        double value = initial;
        constraint.tangent(y, g);
        double norm = Math.sqrt(dot(g, g));
        gamma = FIRST_STEP / maxAbs(g);
        int it = 0;
        String stop = "max iterations";
        progress.begin("mde", p.maxIterations());
        try {
            while (true) {
                if (norm <= p.tolerance()) {
                    stop = "converged";
                    break;
                }
                if (it >= p.maxIterations()) {
                    break;
                }
                progress.checkCancelled();
                if (!search(value, direction())) {
                    if (remembered == 0) {
                        stop = "no decrease along the gradient";
                        break;
                    }
                    remembered = 0;
                    continue;
                }
                constraint.tangent(trialY, trialG);
                remember();
                double[] t = y;
                y = trialY;
                trialY = t;
                t = g;
                g = trialG;
                trialG = t;
                value = trialValue;
                norm = Math.sqrt(dot(g, g));
                it++;
                progress.advance(1);
            }
        } finally {
            progress.end();
        }
        if (y != start) {
            System.arraycopy(y, 0, start, 0, len);
        }
        return new Outcome(initial, value, it, norm, stop);
    }

    /** Fills {@link #dir} with a descent direction and returns its slope gᵀd (negative). */
    private double direction() {
        System.arraycopy(g, 0, dir, 0, len);
        for (int k = remembered - 1; k >= 0; k--) {
            int s = order[k];
            alphas[k] = rho[s] * dot(steps[s], dir);
            axpy(-alphas[k], changes[s], dir);
        }
        scale(dir, -gamma);
        for (int k = 0; k < remembered; k++) {
            int s = order[k];
            double beta = rho[s] * dot(changes[s], dir);
            axpy(-alphas[k] - beta, steps[s], dir); // signs flipped: dir holds −H·g
        }
        constraint.tangent(y, dir);
        double slope = dot(g, dir);
        if (!(slope < 0)) {
            remembered = 0;
            System.arraycopy(g, 0, dir, 0, len);
            scale(dir, -gamma);
            slope = dot(g, dir);
        }
        return slope;
    }

    /**
     * Backtracks from the full step until the Armijo condition holds, each trial point projected onto
     * the set; the next trial minimises the quadratic through the value, slope and last trial, kept within
     * [0.1, 0.5] of the last step. Leaves the accepted point in {@link #trialY}.
     */
    private boolean search(double value, double slope) {
        double t = 1;
        for (int trial = 0; trial < MAX_TRIALS; trial++) {
            double step = t;
            par.forRange(len, VECTOR_CHUNK, (lo, hi) -> {
                for (int c = lo; c < hi; c++) {
                    trialY[c] = y[c] + step * dir[c];
                }
            });
            constraint.project(trialY);
            double v = f.evaluate(trialY, trialG, par);
            if (v <= value + ARMIJO * t * slope) {
                trialValue = v;
                return true;
            }
            double next = -slope * t * t / (2 * (v - value - slope * t));
            t = Double.isNaN(next) ? 0.1 * t : Math.clamp(next, 0.1 * t, 0.5 * t);
        }
        return false;
    }

    /** Keeps the pair (step, gradient change) unless its curvature is not clearly positive. */
    private void remember() {
        double sv = dotOfDifferences(trialY, y, trialG, g);
        double ss = dotOfDifferences(trialY, y, trialY, y);
        double vv = dotOfDifferences(trialG, g, trialG, g);
        if (!(sv > 1e-8 * Math.sqrt(ss * vv))) {
            return;
        }
        if (remembered == MEMORY) {
            int oldest = order[0];
            System.arraycopy(order, 1, order, 0, MEMORY - 1);
            order[MEMORY - 1] = oldest;
            remembered--;
        }
        int slot = order[remembered++];
        if (steps[slot] == null) {
            steps[slot] = new double[len];
            changes[slot] = new double[len];
        }
        double[] s = steps[slot];
        double[] v = changes[slot];
        par.forRange(len, VECTOR_CHUNK, (lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                s[c] = trialY[c] - y[c];
                v[c] = trialG[c] - g[c];
            }
        });
        rho[slot] = 1 / sv;
        gamma = sv / vv;
    }

    private double dot(double[] a, double[] b) {
        return par.sum(len, VECTOR_CHUNK, (lo, hi) -> {
            double s = 0;
            for (int c = lo; c < hi; c++) {
                s += a[c] * b[c];
            }
            return s;
        });
    }

    /** (a − b)ᵀ(c − d). */
    private double dotOfDifferences(double[] a, double[] b, double[] c, double[] d) {
        return par.sum(len, VECTOR_CHUNK, (lo, hi) -> {
            double s = 0;
            for (int k = lo; k < hi; k++) {
                s += (a[k] - b[k]) * (c[k] - d[k]);
            }
            return s;
        });
    }

    private void axpy(double alpha, double[] x, double[] out) {
        par.forRange(len, VECTOR_CHUNK, (lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                out[c] += alpha * x[c];
            }
        });
    }

    private void scale(double[] x, double factor) {
        par.forRange(len, VECTOR_CHUNK, (lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                x[c] *= factor;
            }
        });
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
