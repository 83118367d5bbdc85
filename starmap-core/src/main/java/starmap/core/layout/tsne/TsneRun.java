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
public final class TsneRun implements TsneOptimization {
    private static final double MIN_GAIN = 0.01;
    /**
     * From this many points on, positions stop fitting in cache, and the points are renumbered along a
     * Morton curve of the layout every {@value #REORDER_EVERY} iterations so neighbours sit near each
     * other in memory.
     */
    static final int REORDER_MIN_POINTS = 200_000;
    static final int REORDER_EVERY = 50;

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
    private SparseRows rows;
    /** {@code original[k]}: the caller's index of the point now at position k. */
    private final int[] original;
    private final int reorderMinPoints;
    private final double learningRate;
    private final double entropyTerm;
    private int iteration;
    private double lastKl = Double.NaN;

    TsneRun(SparseAffinities p, double[] initial, TsneParams params, RepulsionEstimator repulsion, LayoutContext ctx) {
        this(p, initial, new Setup(params, repulsion, REORDER_MIN_POINTS), ctx);
    }

    /** What a run is made of; {@code reorderMinPoints} is lowered by tests to exercise renumbering. */
    record Setup(TsneParams params, RepulsionEstimator repulsion, int reorderMinPoints) {
    }

    TsneRun(SparseAffinities p, double[] initial, Setup setup, LayoutContext ctx) {
        TsneParams params = setup.params();
        RepulsionEstimator repulsion = setup.repulsion();
        this.reorderMinPoints = setup.reorderMinPoints();
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
        this.original = new int[n];
        for (int i = 0; i < n; i++) {
            original[i] = i;
        }
        this.learningRate = params.learningRate().value(n, params.earlyExaggeration());
        this.entropyTerm = p.entropyTerm();
    }

    /** Iterations done so far. */
    @Override
    public int iteration() {
        return iteration;
    }

    /** The step size in use. */
    @Override
    public double learningRate() {
        return learningRate;
    }

    /** Runs the remaining iterations. */
    @Override
    public void finish() {
        step(params.iterations() - iteration);
    }

    /** Runs {@code count} more iterations (fewer if the planned total is reached). */
    @Override
    public void step(int count) {
        Parallel par = ctx.parallel();
        int stop = Math.min(params.iterations(), iteration + count);
        while (iteration < stop) {
            ctx.progress().checkCancelled();
            if (iteration > 0 && iteration % REORDER_EVERY == 0 && reorders()) {
                reorder(par);
            }
            double exaggeration = params.exaggerationAt(iteration);
            double momentum = params.momentumAt(iteration);
            boolean withKl = params.estimatesKlAt(iteration);
            repulsion.prepare(y, par);
            double z = repulsion.accumulate(y, rep, par);
            double logW = 0;
            if (withKl || dim == 1) {
                logW = Attraction.accumulate(rows, y, dim, exaggeration, attr, par, withKl);
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

    /**
     * The gains update of Jacobs (1988) as in every reference implementation, momentum, and openTSNE's
     * clipping of each point's step to {@link TsneParams#maxStepNorm} (the clipped step is also what
     * momentum carries on).
     */
    private void descend(double z, double momentum, Parallel par) {
        double invZ = 1 / z;
        double lr = learningRate;
        double maxStep = params.maxStepNorm();
        double maxStep2 = maxStep * maxStep;
        par.forRange(n, 4096, (s, e) -> {
            for (int i = s; i < e; i++) {
                double norm2 = 0;
                for (int c = i * dim; c < (i + 1) * dim; c++) {
                    double g = 4 * (attr[c] - rep[c] * invZ);
                    double u = update[c];
                    double gain = (g > 0) != (u > 0) ? gains[c] + 0.2 : gains[c] * 0.8;
                    gain = Math.max(gain, MIN_GAIN);
                    gains[c] = gain;
                    u = momentum * u - lr * gain * g;
                    update[c] = u;
                    norm2 += u * u;
                }
                if (norm2 > maxStep2) {
                    double scale = maxStep / Math.sqrt(norm2);
                    for (int c = i * dim; c < (i + 1) * dim; c++) {
                        update[c] *= scale;
                    }
                }
                for (int c = i * dim; c < (i + 1) * dim; c++) {
                    y[c] += update[c];
                }
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
     * KL(P ‖ Q) at the last iteration that estimated it (every {@value TsneParams#KL_EVERY} and the last), with Z
     * from the repulsion estimator; NaN before the first estimate.
     */
    @Override
    public double klDivergence() {
        return lastKl;
    }

    /** The current positions as an embedding, in the caller's point order. */
    @Override
    public Embedding snapshot() {
        float[] out = new float[y.length];
        for (int k = 0; k < n; k++) {
            for (int a = 0; a < dim; a++) {
                out[original[k] * dim + a] = (float) y[k * dim + a];
            }
        }
        return Embedding.of(dim, out);
    }

    private boolean reorders() {
        return dim > 1 && n >= reorderMinPoints && n < MortonOrder.MAX_POINTS;
    }

    /** Renumbers every per-point array and P along a Morton curve of the current layout. */
    private void reorder(Parallel par) {
        int[] perm = MortonOrder.of(y, dim, par);
        MortonOrder.permute(y, dim, perm, attr);
        MortonOrder.permute(update, dim, perm, attr);
        MortonOrder.permute(gains, dim, perm, attr);
        rows = MortonOrder.permute(rows, dim, perm);
        int[] was = original.clone();
        for (int k = 0; k < n; k++) {
            original[k] = was[perm[k]];
        }
    }

    @Override
    public String approximation() {
        return repulsion.name();
    }

    /** The current gradient's attractive and repulsive parts, for tests: {attr, rep/Z}. */
    double[][] gradientParts(double exaggeration) {
        Parallel par = ctx.parallel();
        repulsion.prepare(y, par);
        double z = repulsion.accumulate(y, rep, par);
        Attraction.accumulate(rows, y, dim, exaggeration, attr, par, false);
        double[] r = rep.clone();
        for (int c = 0; c < r.length; c++) {
            r[c] /= z;
        }
        return new double[][] {attr.clone(), r};
    }
}
