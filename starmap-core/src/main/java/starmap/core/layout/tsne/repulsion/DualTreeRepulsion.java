/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne.repulsion;

import java.util.Arrays;
import starmap.core.InvalidParameterException;
import starmap.core.parallel.Parallel;

/**
 * Dual-tree repulsion in 2D or 3D, after the dual hierarchy of van de Ruit, Billeter &amp; Eisemann 2022:
 * pairs of cells of one Morton tree are traversed together. When two cells are well separated (the sum
 * of their bounding radii is below θ times the distance of their centres of mass) the source cell acts
 * as one mass at its centre of mass and the target cell receives a first-order local expansion of the
 * field there: Z and the force, each with its gradient. Otherwise the larger cell is opened; two leaves
 * interact point by point. Expansions are then pushed down the tree (shifted by the Jacobians) and
 * evaluated at every point.
 *
 * <p>Cost is roughly linear in n: a cell interacts with O(1/θ^dim) cells per level instead of every
 * point walking the tree. Targets are split into fixed subtrees that write only their own nodes, so the
 * result does not depend on the thread count.
 */
public final class DualTreeRepulsion implements RepulsionEstimator {
    /** The separation criterion used unless told otherwise. */
    public static final double DEFAULT_THETA = 0.5;
    /** Target subtrees the work is split into; fixed, so results do not depend on the thread count. */
    private static final int TARGET_SUBTREES = 256;

    private final int dim;
    private final double theta;
    private final int slots;
    private SpaceTree tree;
    /** Per node: Z, ∂Z/∂y (dim), F (dim), ∂F/∂y (dim × dim). */
    private double[] local;
    /** Direct (leaf-leaf) sums per point, in Morton order. */
    private double[] pointZ = new double[0];
    private double[] pointF = new double[0];

    /**
     * @param dim   2 or 3
     * @param theta separation criterion, > 0 (smaller is more accurate)
     */
    public DualTreeRepulsion(int dim, double theta) {
        InvalidParameterException.require(dim == 2 || dim == 3, "dimensions", "2 or 3 for the dual tree", dim);
        InvalidParameterException.require(theta > 0 && Double.isFinite(theta), "theta", "> 0 for the dual tree", theta);
        this.dim = dim;
        this.theta = theta;
        this.slots = 1 + dim + dim + dim * dim;
    }

    @Override
    public String name() {
        return "dual-tree";
    }

    @Override
    public void prepare(double[] y, Parallel parallel) {
        int n = y.length / dim;
        if (tree == null || tree.n != n) {
            tree = new SpaceTree(dim, n);
        }
        tree.build(y, parallel);
        if (local == null || local.length < tree.nodes * slots) {
            local = new double[Math.max(tree.nodes, 1024) * slots * 2];
        }
        Arrays.fill(local, 0, tree.nodes * slots, 0);
        if (pointZ.length != n) {
            pointZ = new double[n];
            pointF = new double[n * dim];
        } else {
            Arrays.fill(pointZ, 0);
            Arrays.fill(pointF, 0);
        }
    }

    @Override
    public double accumulate(double[] y, double[] rep, Parallel parallel) {
        SpaceTree t = tree;
        int[] targets = frontier(t, TARGET_SUBTREES);
        double theta2 = theta * theta;
        return parallel.sum(targets.length, 1, (s, e) -> {
            double z = 0;
            int[] stackA = new int[4096];
            int[] stackB = new int[4096];
            double[] none = new double[slots];
            for (int g = s; g < e; g++) {
                int target = targets[g];
                int sp = 0;
                stackA[sp] = target;
                stackB[sp++] = 0;
                while (sp > 0) {
                    sp--;
                    int a = stackA[sp];
                    int b = stackB[sp];
                    if (sp + 64 >= stackA.length) {
                        stackA = Arrays.copyOf(stackA, stackA.length * 2);
                        stackB = Arrays.copyOf(stackB, stackB.length * 2);
                    }
                    sp = visit(t, a, b, theta2, stackA, stackB, sp);
                }
                z += pushNode(t, target, rep, none);
            }
            return z;
        });
    }

    /**
     * Handles the pair (target a, source b): a far-field interaction, a direct leaf-leaf interaction, or
     * pushes the sub-pairs; returns the new stack size.
     */
    private int visit(SpaceTree t, int a, int b, double theta2, int[] stackA, int[] stackB, int sp) {
        boolean leafA = t.childCount[a] == 0;
        boolean leafB = t.childCount[b] == 0;
        if (a != b) {
            double d2 = 0;
            for (int k = 0; k < dim; k++) {
                double diff = t.com[a * 3 + k] - t.com[b * 3 + k];
                d2 += diff * diff;
            }
            double r = t.radius[a] + t.radius[b];
            if (r * r < theta2 * d2) {
                farField(t, a, b);
                return sp;
            }
        }
        if (leafA && leafB) {
            direct(t, a, b);
            return sp;
        }
        boolean splitA = !leafA && (leafB || t.radius[a] >= t.radius[b] || a == b);
        if (splitA) {
            for (int c = 0; c < t.childCount[a]; c++) {
                int ca = t.children[t.firstChild[a] + c];
                if (a == b) {
                    for (int c2 = 0; c2 < t.childCount[a]; c2++) {
                        stackA[sp] = ca;
                        stackB[sp++] = t.children[t.firstChild[a] + c2];
                    }
                } else {
                    stackA[sp] = ca;
                    stackB[sp++] = b;
                }
            }
        } else {
            for (int c = 0; c < t.childCount[b]; c++) {
                stackA[sp] = a;
                stackB[sp++] = t.children[t.firstChild[b] + c];
            }
        }
        return sp;
    }

    /** Adds the expansion at a's centre of mass of b's field (b as one mass at its centre of mass). */
    private void farField(SpaceTree t, int a, int b) {
        double m = t.end[b] - t.start[b];
        double[] d = new double[3];
        double r2 = 0;
        for (int k = 0; k < dim; k++) {
            d[k] = t.com[a * 3 + k] - t.com[b * 3 + k];
            r2 += d[k] * d[k];
        }
        double w = 1 / (1 + r2);
        double w2 = w * w;
        int o = a * slots;
        local[o] += m * w;
        for (int k = 0; k < dim; k++) {
            local[o + 1 + k] += -2 * m * w2 * d[k];
            local[o + 1 + dim + k] += m * w2 * d[k];
            for (int l = 0; l < dim; l++) {
                local[o + 1 + 2 * dim + k * dim + l] += m * ((k == l ? w2 : 0) - 4 * w2 * w * d[k] * d[l]);
            }
        }
    }

    /** Point-by-point interactions of leaf a's points with leaf b's, stored on a's points directly. */
    private void direct(SpaceTree t, int a, int b) {
        for (int i = t.start[a]; i < t.end[a]; i++) {
            int io = i * dim;
            double z = 0;
            double f0 = 0;
            double f1 = 0;
            double f2 = 0;
            for (int j = t.start[b]; j < t.end[b]; j++) {
                if (j == i) {
                    continue;
                }
                int jo = j * dim;
                double d0 = t.pos[io] - t.pos[jo];
                double d1 = t.pos[io + 1] - t.pos[jo + 1];
                double d2 = dim == 3 ? t.pos[io + 2] - t.pos[jo + 2] : 0;
                double w = 1 / (1 + d0 * d0 + d1 * d1 + d2 * d2);
                double w2 = w * w;
                z += w;
                f0 += w2 * d0;
                f1 += w2 * d1;
                f2 += w2 * d2;
            }
            pointZ[i] += z;
            pointF[io] += f0;
            pointF[io + 1] += f1;
            if (dim == 3) {
                pointF[io + 2] += f2;
            }
        }
    }


    /**
     * Pushes the expansions of {@code node}'s subtree (plus what its ancestors passed down) to its points,
     * adds the direct sums, writes the forces in original point order, and returns the subtree's share of Z.
     */
    private double pushNode(SpaceTree t, int node, double[] rep, double[] inherited) {
        int o = node * slots;
        double[] mine = new double[slots];
        for (int k = 0; k < slots; k++) {
            mine[k] = inherited[k] + local[o + k];
        }
        if (t.childCount[node] > 0) {
            double z = 0;
            double[] shifted = new double[slots];
            for (int c = 0; c < t.childCount[node]; c++) {
                int ch = t.children[t.firstChild[node] + c];
                shift(t, mine, node, ch, shifted);
                z += pushNode(t, ch, rep, shifted);
            }
            return z;
        }
        double z = 0;
        for (int i = t.start[node]; i < t.end[node]; i++) {
            double zi = mine[0] + pointZ[i];
            int io = i * dim;
            int out = t.order[i] * dim;
            for (int k = 0; k < dim; k++) {
                double delta = t.pos[io + k] - t.com[node * 3 + k];
                zi += mine[1 + k] * delta;
            }
            for (int k = 0; k < dim; k++) {
                double f = mine[1 + dim + k] + pointF[io + k];
                for (int l = 0; l < dim; l++) {
                    f += mine[1 + 2 * dim + k * dim + l] * (t.pos[io + l] - t.com[node * 3 + l]);
                }
                rep[out + k] = f;
            }
            z += zi;
        }
        return z;
    }

    /** Re-centres an expansion from {@code from}'s centre of mass to {@code to}'s. */
    private void shift(SpaceTree t, double[] e, int from, int to, double[] out) {
        System.arraycopy(e, 0, out, 0, slots);
        for (int k = 0; k < dim; k++) {
            double delta = t.com[to * 3 + k] - t.com[from * 3 + k];
            out[0] += e[1 + k] * delta;
            for (int l = 0; l < dim; l++) {
                out[1 + dim + l] += e[1 + 2 * dim + l * dim + k] * delta;
            }
        }
    }

    /** Nodes that split the tree into about {@code want} disjoint subtrees covering every point. */
    private static int[] frontier(SpaceTree t, int want) {
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        java.util.List<Integer> done = new java.util.ArrayList<>();
        queue.add(0);
        while (!queue.isEmpty() && queue.size() + done.size() < want) {
            int node = queue.poll();
            if (t.childCount[node] == 0) {
                done.add(node);
                continue;
            }
            for (int c = 0; c < t.childCount[node]; c++) {
                queue.add(t.children[t.firstChild[node] + c]);
            }
        }
        done.addAll(queue);
        return done.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
