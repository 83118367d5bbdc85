/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne.repulsion;

import starmap.core.InvalidParameterException;
import starmap.core.parallel.Parallel;
import starmap.core.simd.Bodies;
import starmap.core.simd.Kernels;

/**
 * Barnes-Hut repulsion (van der Maaten 2014) in 2D or 3D: a cell whose side is smaller than θ times its
 * distance acts as one body at its centre of mass. The tree is walked once per group of up to
 * {@value #GROUP} points with the test taken against the group's whole bounding sphere (Barnes 1990), and
 * the accepted cells and nearby points are then summed for each point of the group by a SIMD kernel. θ = 0 is exact (but slower
 * than {@link ExactRepulsion}); 0.5 is the usual trade-off. Leaves are visited in Morton order.
 */
public final class BarnesHutRepulsion implements RepulsionEstimator {
    /**
     * Most points a group shares one traversal between. Larger groups open more cells (the test is
     * against the whole group), but the SIMD kernel sums those cheaply while the scalar walk is shared by
     * more points: on 300,000 clustered points, 256 instead of 32 made a call 2.2× faster in 3-D and 1.6×
     * in 2-D, with slightly lower error; 512 was slower again.
     */
    static final int GROUP = 256;

    private final int dim;
    private final double theta;
    private SpaceTree tree;
    /** Per-thread buffers, reused across groups and iterations (one group per parallel chunk). */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final Bodies bodies = new Bodies();
        int[] stack = new int[512];
        final double[] out = new double[4];
    }

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
        int[] groups = groups(t);
        double theta2 = theta * theta;
        return parallel.sum(groups.length, 1, (s, e) -> {
            Scratch w = scratch.get();
            double z = 0;
            for (int g = s; g < e; g++) {
                int group = groups[g];
                w.stack = gather(t, group, theta2, w.bodies, w.stack);
                z += evaluate(t, group, w.bodies, rep, w.out);
            }
            return z;
        });
    }

    /**
     * Walks the tree once for a whole group (group traversal, Barnes 1990): a cell is accepted when
     * side / (distance − group radius) &lt; θ, so the test holds for every point of the group. Accepted
     * cells (as masses at their centres) and the points of opened leaves (mass 1) go into {@code bodies},
     * in coordinates relative to the group's centre of mass so float32 keeps its precision.
     */
    private int[] gather(SpaceTree t, int group, double theta2, Bodies bodies, int[] stack) {
        bodies.clear();
        double rg = t.radius[group];
        double g0 = t.com[group * 3];
        double g1 = t.com[group * 3 + 1];
        double g2 = dim == 3 ? t.com[group * 3 + 2] : 0;
        double[] origin = {g0, g1, g2};
        int sp = 0;
        stack[sp++] = 0;
        while (sp > 0) {
            int node = stack[--sp];
            if (t.childCount[node] == 0) {
                bodies.addPoints(t.pos, dim, t.start[node], t.end[node], origin);
                continue;
            }
            double c0 = t.com[node * 3] - g0;
            double c1 = t.com[node * 3 + 1] - g1;
            double c2 = dim == 3 ? t.com[node * 3 + 2] - g2 : 0;
            double gap = Math.sqrt(c0 * c0 + c1 * c1 + c2 * c2) - rg;
            double side = t.side[t.level[node]];
            if (gap > 0 && side * side < theta2 * gap * gap) {
                bodies.add((float) c0, (float) c1, (float) c2, t.end[node] - t.start[node]);
            } else {
                if (sp + 8 > stack.length) {
                    stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                }
                for (int c = 0; c < t.childCount[node]; c++) {
                    stack[sp++] = t.children[t.firstChild[node] + c];
                }
            }
        }
        return stack;
    }

    /**
     * Sums the group's bodies at each of its points with the SIMD kernel; the point's own mass-1 entry
     * adds exactly 1 to Z and nothing to the force, so 1 is subtracted. Returns the group's Z.
     */
    private double evaluate(SpaceTree t, int group, Bodies bodies, double[] rep, double[] out) {
        Kernels kernels = Kernels.get();
        double z = 0;
        double g0 = t.com[group * 3];
        double g1 = t.com[group * 3 + 1];
        double g2 = dim == 3 ? t.com[group * 3 + 2] : 0;
        for (int r = t.start[group]; r < t.end[group]; r++) {
            kernels.cauchy(bodies, (float) (t.pos[r * dim] - g0), (float) (t.pos[r * dim + 1] - g1),
                    dim == 3 ? (float) (t.pos[r * dim + 2] - g2) : 0f, out);
            z += out[0] - 1;
            int o = t.order[r] * dim;
            for (int a = 0; a < dim; a++) {
                rep[o + a] = out[1 + a];
            }
        }
        return z;
    }

    /** Nodes of at most {@value #GROUP} points whose parent has more: disjoint groups covering every point. */
    private static int[] groups(SpaceTree t) {
        int[] out = new int[t.nodes];
        int count = 0;
        int[] stack = new int[512];
        int sp = 0;
        stack[sp++] = 0;
        while (sp > 0) {
            int node = stack[--sp];
            if (t.end[node] - t.start[node] <= GROUP || t.childCount[node] == 0) {
                out[count++] = node;
                continue;
            }
            if (sp + 8 > stack.length) {
                stack = java.util.Arrays.copyOf(stack, stack.length * 2);
            }
            for (int c = t.childCount[node] - 1; c >= 0; c--) {
                stack[sp++] = t.children[t.firstChild[node] + c];
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }
}
