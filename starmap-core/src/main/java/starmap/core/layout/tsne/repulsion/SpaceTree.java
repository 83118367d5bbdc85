/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne.repulsion;

import java.util.Arrays;
import starmap.core.layout.Bounds;
import starmap.core.parallel.Parallel;

/**
 * A quadtree (2D) or octree (3D) over points, built from their Morton order: points are sorted by
 * interleaved cell bits, so every node covers a contiguous range of the sorted points and children
 * split it by the next bits. Nodes store the points' centre of mass and count; the cell side halves
 * with each level. Leaves hold at most {@value #LEAF} points or sit at the depth limit.
 *
 * <p>Positions are quantised on a grid of 2^{@code bits} cells per axis (20 in 2D, 13 in 3D), so the
 * depth is limited to that many levels; points closer than a cell share a leaf. Up to 2^24 points in
 * 2D and 2^25 in 3D (the point index shares a 64-bit sort key with the code).
 */
final class SpaceTree {
    static final int LEAF = 8;

    final int dim;
    final int n;
    /** Point indices in Morton order. */
    final int[] order;
    /** Positions in Morton order, n × dim. */
    final double[] pos;
    int nodes;
    int[] start = new int[1024];
    int[] end = new int[1024];
    int[] firstChild = new int[1024];
    int[] childCount = new int[1024];
    int[] level = new int[1024];
    double[] com = new double[1024 * 3];
    /** Radius of a ball around the centre of mass that holds every point of the node. */
    double[] radius = new double[1024];
    /** Side of a cell at each level. */
    final double[] side;

    private final int bits;
    private final long[] keys;
    private final int indexBits;

    SpaceTree(int dim, int n) {
        this.dim = dim;
        this.n = n;
        this.bits = dim == 2 ? 20 : 13;
        this.indexBits = 64 - dim * bits;
        if (n > (1L << indexBits) - 1 || n > (1L << 31) - 1) {
            throw new IllegalArgumentException(n + " points exceed the tree's limit of " + ((1L << indexBits) - 1));
        }
        this.order = new int[n];
        this.pos = new double[n * dim];
        this.keys = new long[n];
        this.side = new double[bits + 1];
    }

    /** Rebuilds the tree for positions y. */
    void build(double[] y, Parallel par) {
        Bounds b = Bounds.of(y, dim);
        double[] lo = b.lo();
        double[] hi = b.hi();
        double width = 0;
        for (int a = 0; a < dim; a++) {
            width = Math.max(width, hi[a] - lo[a]);
        }
        width = Math.max(width, 1e-12) * (1 + 1e-9);
        for (int l = 0; l <= bits; l++) {
            side[l] = width / (1L << l);
        }
        double scale = (1L << bits) / width;
        long cells = (1L << bits) - 1;
        par.forRange(n, 8192, (s, e) -> {
            for (int i = s; i < e; i++) {
                long code = 0;
                for (int a = 0; a < dim; a++) {
                    long c = Math.min(cells, (long) ((y[i * dim + a] - lo[a]) * scale));
                    code |= spread(c) << a;
                }
                // flipping the sign bit makes the signed sort order the keys as unsigned numbers
                keys[i] = (code << indexBits | i) ^ Long.MIN_VALUE;
            }
        });
        Arrays.parallelSort(keys);
        par.forRange(n, 8192, (s, e) -> {
            for (int r = s; r < e; r++) {
                keys[r] ^= Long.MIN_VALUE;
            }
        });
        long mask = (1L << indexBits) - 1;
        par.forRange(n, 8192, (s, e) -> {
            for (int r = s; r < e; r++) {
                int i = (int) (keys[r] & mask);
                order[r] = i;
                System.arraycopy(y, i * dim, pos, r * dim, dim);
            }
        });
        nodes = 0;
        childSlots = 0;
        buildNode(0, n, 0);
    }

    /** The Morton code bits of sorted point r at {@code level}: which child it falls in. */
    private int childOf(int r, int lvl) {
        long code = keys[r] >>> indexBits;
        int shift = (bits - 1 - lvl) * dim;
        return (int) (code >>> shift) & ((1 << dim) - 1);
    }

    private int buildNode(int s, int e, int lvl) {
        int node = nodes++;
        ensure(nodes);
        start[node] = s;
        end[node] = e;
        level[node] = lvl;
        firstChild[node] = -1;
        childCount[node] = 0;
        if (e - s > LEAF && lvl < bits) {
            int[] bounds = new int[(1 << dim) + 1];
            int b = 0;
            int r = s;
            for (int c = 0; c < (1 << dim); c++) {
                bounds[b++] = r;
                int lo = r;
                int hi = e;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (childOf(mid, lvl) <= c) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                r = lo;
            }
            bounds[b] = e;
            int count = 0;
            int[] kids = new int[1 << dim];
            for (int c = 0; c < (1 << dim); c++) {
                if (bounds[c + 1] > bounds[c]) {
                    kids[count++] = buildNode(bounds[c], bounds[c + 1], lvl + 1);
                }
            }
            // children are built depth-first, so their node ids are not contiguous: list them
            firstChild[node] = childList(kids, count);
            childCount[node] = count;
        }
        double[] c = new double[dim];
        for (int q = s; q < e; q++) {
            for (int a = 0; a < dim; a++) {
                c[a] += pos[q * dim + a];
            }
        }
        for (int a = 0; a < dim; a++) {
            com[node * 3 + a] = c[a] / (e - s);
        }
        double r = 0;
        if (childCount[node] == 0) {
            for (int q = s; q < e; q++) {
                r = Math.max(r, dist(pos, q * dim, com, node * 3));
            }
        } else {
            for (int k = 0; k < childCount[node]; k++) {
                int ch = children[firstChild[node] + k];
                r = Math.max(r, radius[ch] + dist(com, ch * 3, com, node * 3));
            }
        }
        radius[node] = r;
        return node;
    }

    /** Child node ids; node m's children are children[firstChild[m] … firstChild[m] + childCount[m]). */
    int[] children = new int[1024];
    private int childSlots;

    private int childList(int[] kids, int count) {
        if (childSlots + count > children.length) {
            children = Arrays.copyOf(children, Math.max(children.length * 2, childSlots + count));
        }
        int at = childSlots;
        System.arraycopy(kids, 0, children, at, count);
        childSlots += count;
        return at;
    }

    private void ensure(int size) {
        if (size > start.length) {
            int cap = Math.max(size, start.length * 2);
            start = Arrays.copyOf(start, cap);
            end = Arrays.copyOf(end, cap);
            firstChild = Arrays.copyOf(firstChild, cap);
            childCount = Arrays.copyOf(childCount, cap);
            level = Arrays.copyOf(level, cap);
            com = Arrays.copyOf(com, cap * 3);
            radius = Arrays.copyOf(radius, cap);
        }
    }

    private double dist(double[] a, int ao, double[] b, int bo) {
        double s = 0;
        for (int k = 0; k < dim; k++) {
            double t = a[ao + k] - b[bo + k];
            s += t * t;
        }
        return Math.sqrt(s);
    }

    /** Spreads the low bits of v so consecutive bits land {@code dim} apart. */
    private long spread(long v) {
        long out = 0;
        for (int b = 0; b < bits; b++) {
            out |= ((v >>> b) & 1L) << (b * dim);
        }
        return out;
    }
}
