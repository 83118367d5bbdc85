/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.node2vec;

import java.util.Arrays;
import starmap.core.parallel.Parallel;
import starmap.core.sparse.CsrMatrix;

/**
 * node2vec's second-order random walk (Grover and Leskovec 2016) by rejection, as KnightKing (Yang et
 * al. 2019) and PecanPy (Liu and Krishnan 2021) do it, in O(nnz) memory instead of the O(Σ deg²) of
 * per-edge alias tables. Having come from t to v, the next node x has unnormalised probability
 * w(v, x)·α with α = 1/p if x = t, 1 if x is adjacent to t and 1/q otherwise: x is proposed from v's
 * first-order distribution (uniform, or by weight through a per-node {@link AliasTable}) and accepted
 * with probability α / max(1/p, 1, 1/q). Adjacency to t is a binary search in t's sorted row, skipped
 * where the draw falls below min(1/p, 1, 1/q) or q = 1. A step takes at most
 * max(1/p, 1, 1/q) / min(1/p, 1, 1/q) proposals on average; p = q = 1 (DeepWalk) takes exactly one.
 *
 * <p>Weighted walks never take a zero-weight edge and stop at once from a node whose edges all weigh 0;
 * unweighted walks count every stored entry as an edge. Immutable once built and thread-safe; each
 * thread brings its own {@link Rng}.
 */
final class WalkSampler {
    private final int[] start;
    private final int[] column;
    /** Per-node tables over the CSR rows; null where the first-order step is uniform. */
    private final AliasTable byWeight;
    /** Nodes with edges but no weight; null when there are none. */
    private final boolean[] stranded;
    private final float returnBias;
    private final float outBias;
    private final float lower;
    private final float upper;
    private final boolean firstOrder;

    private WalkSampler(CsrMatrix a, double p, double q, AliasTable byWeight, boolean[] stranded) {
        this.start = a.indptr();
        this.column = a.indices();
        this.byWeight = byWeight;
        this.stranded = stranded;
        this.returnBias = (float) (1 / p);
        this.outBias = (float) (1 / q);
        this.lower = Math.min(returnBias, Math.min(1f, outBias));
        this.upper = Math.max(returnBias, Math.max(1f, outBias));
        this.firstOrder = p == 1 && q == 1;
    }

    /**
     * A sampler over the symmetric {@code adjacency}, weighted by its values when {@code weighted} and
     * they are not all equal (equal weights take the cheaper uniform step).
     */
    static WalkSampler of(CsrMatrix adjacency, double p, double q, boolean weighted, Parallel par) {
        int n = adjacency.rows();
        float[] w = adjacency.values();
        if (!weighted || allEqual(w) && (w.length == 0 || w[0] > 0)) {
            return new WalkSampler(adjacency, p, q, null, null);
        }
        AliasTable table = new AliasTable(w.length);
        boolean[] stranded = new boolean[n];
        int maxDegree = 0;
        for (int v = 0; v < n; v++) {
            maxDegree = Math.max(maxDegree, adjacency.rowEnd(v) - adjacency.rowStart(v));
        }
        int widest = maxDegree;
        boolean any = par.sum(n, par.grain(n, 8, 1024), (lo, hi) -> {
            double[] row = new double[widest];
            int[] work = new int[widest];
            int none = 0;
            for (int v = lo; v < hi; v++) {
                int at = adjacency.rowStart(v);
                int m = adjacency.rowEnd(v) - at;
                double sum = 0;
                for (int k = 0; k < m; k++) {
                    row[k] = w[at + k];
                    sum += row[k];
                }
                if (sum > 0) {
                    table.fill(at, row, m, work);
                } else if (m > 0) {
                    stranded[v] = true;
                    none++;
                }
            }
            return none;
        }) > 0;
        return new WalkSampler(adjacency, p, q, table, any ? stranded : null);
    }

    private static boolean allEqual(float[] w) {
        for (float v : w) {
            if (v != w[0]) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return start.length - 1;
    }

    /**
     * Fills {@code walk} from {@code first}: the node, then one first-order step, then second-order
     * steps. Returns the walk's length: {@code walk.length}, or 1 from a node with nowhere to go.
     */
    int walk(int first, int[] walk, Rng r) {
        walk[0] = first;
        int x = step(first, r);
        if (x < 0) {
            return 1;
        }
        walk[1] = x;
        for (int i = 2; i < walk.length; i++) {
            walk[i] = next(walk[i - 2], walk[i - 1], r);
        }
        return walk.length;
    }

    /** A first-order step from v (uniform or by weight), or −1 where v has no edge to take. */
    int step(int v, Rng r) {
        int at = start[v];
        int m = start[v + 1] - at;
        if (m == 0 || stranded != null && stranded[v]) {
            return -1;
        }
        return propose(at, m, r);
    }

    /** A second-order step: the walk came from t to v (an edge, so v has somewhere to go). */
    int next(int t, int v, Rng r) {
        int at = start[v];
        int m = start[v + 1] - at;
        if (firstOrder) {
            return propose(at, m, r);
        }
        while (true) {
            int x = propose(at, m, r);
            float u = r.nextFloat() * upper;
            if (u < lower) {
                return x;
            }
            float bias = x == t ? returnBias : outBias == 1f || adjacent(t, x) ? 1f : outBias;
            if (u < bias) {
                return x;
            }
        }
    }

    private int propose(int at, int m, Rng r) {
        long bits = r.nextLong();
        return column[at + (byWeight == null ? Rng.below(bits, m) : byWeight.sample(at, m, bits))];
    }

    private boolean adjacent(int t, int x) {
        return Arrays.binarySearch(column, start[t], start[t + 1], x) >= 0;
    }
}
