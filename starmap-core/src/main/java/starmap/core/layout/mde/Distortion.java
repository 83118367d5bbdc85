/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.mde;

import java.util.Arrays;
import starmap.core.parallel.Parallel;
import starmap.core.sparse.CsrMatrix;

/**
 * The average distortion of an embedding and its gradient: over p edges, (1/p)·Σ f(‖y_i − y_j‖) with
 * f(d) = w·log(1 + d^α) on an attractive edge of weight w &gt; 0 (PyMDE's {@code Log1p}) and
 * f(d) = −log(1 − exp(−d^β)) on a repulsive one (PyMDE's {@code Log} with weight −1).
 *
 * <p>Every edge is stored in both of its rows, its weight negative when repulsive, so the gradient of
 * row i is written by one thread only: no atomics, no per-thread buffers, and the value is the same on
 * any number of threads. Repulsive distances are clamped below at {@value #MIN_DISTANCE}, where the
 * penalty would be infinite, and an attractive edge of length zero adds no gradient (its direction is
 * undefined), so no embedding gives NaN.
 *
 * <p>Thread-safe: {@link #evaluate} only reads the graph.
 */
final class Distortion {
    private static final double MIN_DISTANCE = 1e-6;
    /** Rows per parallel chunk: fixed, so the chunks and the order of their sums do not depend on the pool. */
    private static final int ROWS_PER_CHUNK = 512;

    private final int n;
    private final int dim;
    private final int[] rowStart;
    private final int[] neighbor;
    private final float[] weight;
    private final long edges;
    private final double alpha;
    private final double beta;

    private Distortion(int[] rowStart, int[] neighbor, float[] weight, MdeParams p) {
        this.n = rowStart.length - 1;
        this.dim = p.dimensions();
        this.rowStart = rowStart;
        this.neighbor = neighbor;
        this.weight = weight;
        this.edges = rowStart[n] / 2;
        this.alpha = p.attractiveExponent();
        this.beta = p.repulsiveExponent();
    }

    /** The positive entries of {@code w} as attractive edges plus the repulsive pairs {@code {heads, tails}}. */
    static Distortion of(CsrMatrix w, int[][] repulsive, MdeParams p) {
        int n = w.rows();
        int[] heads = repulsive[0];
        int[] tails = repulsive[1];
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            for (int q = w.rowStart(i); q < w.rowEnd(i); q++) {
                start[i + 1] += w.valueAt(q) > 0 ? 1 : 0;
            }
        }
        for (int e = 0; e < heads.length; e++) {
            start[heads[e] + 1]++;
            start[tails[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        int[] next = Arrays.copyOf(start, n);
        int[] neighbor = new int[start[n]];
        float[] weight = new float[start[n]];
        for (int i = 0; i < n; i++) {
            for (int q = w.rowStart(i); q < w.rowEnd(i); q++) {
                if (w.valueAt(q) > 0) {
                    neighbor[next[i]] = w.indexAt(q);
                    weight[next[i]++] = w.valueAt(q);
                }
            }
        }
        for (int e = 0; e < heads.length; e++) {
            neighbor[next[heads[e]]] = tails[e];
            weight[next[heads[e]]++] = -1f;
            neighbor[next[tails[e]]] = heads[e];
            weight[next[tails[e]]++] = -1f;
        }
        return new Distortion(start, neighbor, weight, p);
    }

    /** Attractive plus repulsive edges, p. */
    long edges() {
        return edges;
    }

    /**
     * The average distortion at {@code y} (row-major n × dim); its gradient goes into {@code grad}. With no
     * edges at all both are zero.
     */
    double evaluate(double[] y, double[] grad, Parallel par) {
        double scale = edges > 0 ? 1.0 / edges : 0;
        double sum = par.sum(n, ROWS_PER_CHUNK, (lo, hi) -> {
            double s = 0;
            for (int i = lo; i < hi; i++) {
                s += row(i, y, grad, scale);
            }
            return s;
        });
        return 0.5 * sum * scale; // every edge was counted in both its rows
    }

    /** Row i's distortion (its edges' full penalties) and the gradient with respect to y_i, times {@code scale}. */
    private double row(int i, double[] y, double[] grad, double scale) {
        int oi = i * dim;
        for (int a = 0; a < dim; a++) {
            grad[oi + a] = 0;
        }
        double f = 0;
        for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
            int oj = neighbor[q] * dim;
            double d2 = 0;
            for (int a = 0; a < dim; a++) {
                double t = y[oi + a] - y[oj + a];
                d2 += t * t;
            }
            double w = weight[q];
            double coef; // f'(d) / d
            if (w > 0) {
                double u = power(d2, alpha);
                f += w * Math.log(1 + u); // log1p is not an intrinsic; the sum needs no better than absolute 1e-16
                coef = d2 > 0 ? w * alpha * u / (d2 * (1 + u)) : 0;
            } else {
                double c2 = Math.max(d2, MIN_DISTANCE * MIN_DISTANCE);
                double u = power(c2, beta);
                double e = Math.exp(-u);
                f += w * Math.log(1 - e);
                // d/dd log(1 − exp(−d^β)) = β d^(β−1) / (exp(d^β) − 1)
                coef = w * beta * u * e / (c2 * (1 - e));
            }
            coef *= scale;
            for (int a = 0; a < dim; a++) {
                grad[oi + a] += coef * (y[oi + a] - y[oj + a]);
            }
        }
        return f;
    }

    /** d^e from d², without {@link Math#pow} for the usual exponents. */
    private static double power(double d2, double e) {
        if (e == 1.5) {
            double d = Math.sqrt(d2);
            return d * Math.sqrt(d);
        }
        if (e == 1) {
            return Math.sqrt(d2);
        }
        if (e == 2) {
            return d2;
        }
        return Math.pow(d2, 0.5 * e);
    }
}
