/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne.repulsion;

import starmap.core.InvalidParameterException;
import starmap.core.parallel.Parallel;

/**
 * Barnes-Hut repulsion (van der Maaten 2014) in 2D or 3D: a cell whose side is smaller than θ times its
 * distance to the point acts as one body at its centre of mass. θ = 0 is exact (but slower than
 * {@link ExactRepulsion}); 0.5 is the usual trade-off. Points are visited in Morton order, so
 * neighbouring threads walk neighbouring parts of the tree.
 */
public final class BarnesHutRepulsion implements RepulsionEstimator {
    private final int dim;
    private final double theta;
    private SpaceTree tree;

    /**
     * @param dim   2 or 3
     * @param theta the opening angle, ≥ 0
     */
    public BarnesHutRepulsion(int dim, double theta) {
        InvalidParameterException.require(dim == 2 || dim == 3, "dimensions", "2 or 3 for Barnes-Hut", dim);
        InvalidParameterException.require(theta >= 0 && Double.isFinite(theta), "theta", ">= 0", theta);
        this.dim = dim;
        this.theta = theta;
    }

    @Override
    public String name() {
        return "bh";
    }

    @Override
    public void prepare(double[] y, Parallel parallel) {
        int n = y.length / dim;
        if (tree == null || tree.n != n) {
            tree = new SpaceTree(dim, n);
        }
        tree.build(y, parallel);
    }

    @Override
    public double accumulate(double[] y, double[] rep, Parallel parallel) {
        SpaceTree t = tree;
        double theta2 = theta * theta;
        return parallel.sum(t.n, 256, (s, e) -> {
            int[] stack = new int[512];
            double[] f = new double[dim];
            double[] yi = new double[dim];
            double z = 0;
            for (int r = s; r < e; r++) {
                System.arraycopy(t.pos, r * dim, yi, 0, dim);
                java.util.Arrays.fill(f, 0);
                int sp = 0;
                stack[sp++] = 0;
                while (sp > 0) {
                    int node = stack[--sp];
                    if (t.childCount[node] == 0) {
                        for (int q = t.start[node]; q < t.end[node]; q++) {
                            if (q != r) {
                                z += body(yi, t.pos, q * dim, 1, f);
                            }
                        }
                        continue;
                    }
                    double d2 = 0;
                    for (int a = 0; a < dim; a++) {
                        double diff = yi[a] - t.com[node * 3 + a];
                        d2 += diff * diff;
                    }
                    double side = t.side[t.level[node]];
                    if (side * side < theta2 * d2) {
                        z += body(yi, t.com, node * 3, t.end[node] - t.start[node], f);
                    } else {
                        for (int c = 0; c < t.childCount[node]; c++) {
                            stack[sp++] = t.children[t.firstChild[node] + c];
                        }
                    }
                }
                System.arraycopy(f, 0, rep, t.order[r] * dim, dim);
            }
            return z;
        });
    }

    /** Adds the pull of {@code count} points at {@code at[off …]} to f; returns their share of Z. */
    private double body(double[] yi, double[] at, int off, int count, double[] f) {
        double d2 = 0;
        for (int a = 0; a < dim; a++) {
            double diff = yi[a] - at[off + a];
            d2 += diff * diff;
        }
        double w = 1 / (1 + d2);
        double cw2 = count * w * w;
        for (int a = 0; a < dim; a++) {
            f[a] += cw2 * (yi[a] - at[off + a]);
        }
        return count * w;
    }
}
