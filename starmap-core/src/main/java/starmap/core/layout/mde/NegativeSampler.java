/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.mde;

import java.util.Arrays;
import java.util.SplittableRandom;
import starmap.core.sparse.CsrMatrix;

/**
 * Draws the repulsive edges: distinct pairs i &lt; j, uniformly among those with no stored weight, as
 * PyMDE's {@code sample_edges} does (which draws among all pairs and drops the attractive ones, so it may
 * return fewer; this returns exactly as many as asked). Pairs are drawn one by one and kept unless seen
 * or stored — a uniform subset — or, where they would be most of the candidates, taken from the
 * enumerated candidates by a partial shuffle.
 */
final class NegativeSampler {
    private NegativeSampler() {
    }

    /**
     * {@code count} pairs (at most {@code available}, the graph's {@link Weights#nonEdges}) as
     * {@code {heads, tails}}, heads[e] &lt; tails[e].
     */
    static int[][] sample(CsrMatrix w, int count, long available, SplittableRandom rnd) {
        return 2L * count > available ? enumerated(w, count, available, rnd) : drawn(w, count, rnd);
    }

    private static int[][] drawn(CsrMatrix w, int count, SplittableRandom rnd) {
        int n = w.rows();
        int[] heads = new int[count];
        int[] tails = new int[count];
        PairSet seen = new PairSet(count);
        int e = 0;
        while (e < count) {
            int a = rnd.nextInt(n);
            int b = rnd.nextInt(n - 1);
            b += b >= a ? 1 : 0;
            int i = Math.min(a, b);
            int j = Math.max(a, b);
            if (!stored(w, i, j) && seen.add((long) i * n + j)) {
                heads[e] = i;
                tails[e] = j;
                e++;
            }
        }
        return new int[][] {heads, tails};
    }

    /** For small or dense graphs: every candidate listed, the first {@code count} of a partial shuffle kept. */
    private static int[][] enumerated(CsrMatrix w, int count, long available, SplittableRandom rnd) {
        int n = w.rows();
        long[] pairs = new long[Math.toIntExact(available)];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (!stored(w, i, j)) {
                    pairs[m++] = (long) i * n + j;
                }
            }
        }
        int[] heads = new int[count];
        int[] tails = new int[count];
        for (int e = 0; e < count; e++) {
            int pick = e + rnd.nextInt(m - e);
            long t = pairs[pick];
            pairs[pick] = pairs[e];
            pairs[e] = t;
            heads[e] = (int) (t / n);
            tails[e] = (int) (t % n);
        }
        return new int[][] {heads, tails};
    }

    /** Whether (i, j) has a stored entry: binary search in row i, whose columns ascend. */
    private static boolean stored(CsrMatrix w, int i, int j) {
        int lo = w.rowStart(i);
        int hi = w.rowEnd(i) - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = w.indexAt(mid);
            if (c == j) {
                return true;
            }
            if (c < j) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return false;
    }

    /** An insert-only set of non-negative longs, open addressing with linear probing. */
    private static final class PairSet {
        private final long[] slots;
        private final int mask;

        PairSet(int expected) {
            int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
            slots = new long[capacity];
            Arrays.fill(slots, -1);
            mask = capacity - 1;
        }

        /** Adds {@code key}; false if it was there. */
        boolean add(long key) {
            long x = key * 0x9E3779B97F4A7C15L;
            int h = (int) (x ^ (x >>> 32)) & mask;
            while (slots[h] != -1) {
                if (slots[h] == key) {
                    return false;
                }
                h = (h + 1) & mask;
            }
            slots[h] = key;
            return true;
        }
    }
}
