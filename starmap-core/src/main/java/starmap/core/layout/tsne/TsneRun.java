/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne;

import java.util.Arrays;
import starmap.core.layout.Embedding;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.affinity.SparseAffinities;
import starmap.core.layout.tsne.repulsion.RepulsionEstimator;
import starmap.core.parallel.Parallel;
import starmap.core.simd.SparseRows;

/**
 * A resumable t-SNE optimisation: gradient descent with momentum and per-coordinate gains (Jacobs 1988,
 * as in van der Maaten's implementation), early exaggeration as an argument to the attractive term (P
 * is never rescaled), and the embedding re-centred after every step.
 *
 * <p>The gradient is 4 (α Σ_j p_ij w_ij (y_i − y_j) − Z⁻¹ Σ_j w_ij² (y_i − y_j)). Every loop is
 * chunked independently of the thread count, so a run is reproducible from its seed on any pool.
 * Not thread-safe.
 */
public final class TsneRun {
    /** How often the KL divergence is estimated for listeners (it costs a log per non-zero of P). */
    static final int KL_EVERY = 50;
    private static final double MIN_GAIN = 0.01;

    private final SparseAffinities p;
    private final TsneParams params;
    private final RepulsionEstimator repulsion;
    private final LayoutContext ctx;
    private final int n;
    private final int dim;
    private final double[] y;
    private final double[] update;
    private final double[] gains;
    private final double[] attr;
    private final double[] rep;
    private final float[] yFloat;
    private final SparseRows rows;
    private final double learningRate;
    private final double entropyTerm;
    private int iteration;
    private double lastKl = Double.NaN;

    TsneRun(SparseAffinities p, double[] initial, TsneParams params, RepulsionEstimator repulsion, LayoutContext ctx) {
        this.p = p;
        this.params = params;
        this.repulsion = repulsion;
        this.ctx = ctx;
        this.n = p.size();
        this.dim = params.dimensions();
        this.y = initial.clone();
        this.update = new double[y.length];
        this.gains = new double[y.length];
        Arrays.fill(gains, 1);
        this.attr = new double[y.length];
        this.rep = new double[y.length];
        this.yFloat = new float[y.length];
        this.rows = SparseRows.of(p.matrix().indptr(), p.matrix().indices(), p.matrix().values(), dim);
        this.learningRate = params.learningRate().value(n, params.earlyExaggeration());
        this.entropyTerm = p.entropyTerm();
    }

    /** Iterations done so far. */
    public int iteration() {
        return iteration;
    }

    /** The step size in use. */
    public double learningRate() {
        return learningRate;
    }

    /** Runs the remaining iterations. */
    public void finish() {
        step(params.iterations() - iteration);
    }

    /** Runs {@code count} more iterations (fewer if the planned total is reached). */
    public void step(int count) {
        Parallel par = ctx.parallel();
        int stop = Math.min(params.iterations(), iteration + count);
        while (iteration < stop) {
            ctx.progress().checkCancelled();
            boolean early = iteration < params.earlyExaggerationIterations();
            double exaggeration = early ? params.earlyExaggeration() : params.exaggeration();
            double momentum = early ? params.initialMomentum() : params.finalMomentum();
            boolean withKl = (iteration + 1) % KL_EVERY == 0 || iteration + 1 == params.iterations();
            repulsion.prepare(y, par);
            double z = repulsion.accumulate(y, rep, par);
            double logW = 0;
            if (withKl || dim == 1) {
                logW = Attraction.accumulate(p.matrix(), y, dim, exaggeration, attr, par, withKl);
            } else {
                for (int c = 0; c < y.length; c++) {
                    yFloat[c] = (float) y[c];
                }
                Attraction.accumulate(rows, yFloat, dim, exaggeration, attr, par);
            }
            descend(z, momentum, par);
            iteration++;
            if (withKl) {
                lastKl = entropyTerm - logW + Math.log(z);
            }
            ctx.listener().onIteration(iteration, params.iterations(), withKl ? lastKl : Double.NaN);
        }
    }

    private void descend(double z, double momentum, Parallel par) {
        double invZ = 1 / z;
        double lr = learningRate;
        par.forRange(y.length, 8192, (s, e) -> {
            for (int c = s; c < e; c++) {
                double g = 4 * (attr[c] - rep[c] * invZ);
                double u = update[c];
                double gain = (g > 0) != (u > 0) ? gains[c] + 0.2 : gains[c] * 0.8;
                gain = Math.max(gain, MIN_GAIN);
                gains[c] = gain;
                u = momentum * u - lr * gain * g;
                update[c] = u;
                y[c] += u;
            }
        });
        center();
    }

    private void center() {
        for (int a = 0; a < dim; a++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += y[i * dim + a];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                y[i * dim + a] -= mean;
            }
        }
    }

    /**
     * KL(P ‖ Q) at the last iteration that estimated it (every {@value #KL_EVERY} and the last), with Z
     * from the repulsion estimator; NaN before the first estimate.
     */
    public double klDivergence() {
        return lastKl;
    }

    /** The current positions as an embedding. */
    public Embedding snapshot() {
        float[] out = new float[y.length];
        for (int c = 0; c < y.length; c++) {
            out[c] = (float) y[c];
        }
        return Embedding.of(dim, out);
    }

    /** The current gradient's attractive and repulsive parts, for tests: {attr, rep/Z}. */
    double[][] gradientParts(double exaggeration) {
        Parallel par = ctx.parallel();
        repulsion.prepare(y, par);
        double z = repulsion.accumulate(y, rep, par);
        Attraction.accumulate(p.matrix(), y, dim, exaggeration, attr, par, false);
        double[] r = rep.clone();
        for (int c = 0; c < r.length; c++) {
            r[c] /= z;
        }
        return new double[][] {attr.clone(), r};
    }
}
