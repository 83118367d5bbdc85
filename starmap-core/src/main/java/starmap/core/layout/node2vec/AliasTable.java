/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.node2vec;

/**
 * Walker's alias method (Vose 1991's construction): O(1) draws from a discrete distribution with one
 * random word. One table holds many distributions side by side, each in its own slots
 * {@code [at, at + m)} (per-node tables over a CSR row, or one over all nodes), so a graph's tables cost
 * one long per slot: the slot's acceptance threshold (its probability in units of 2⁻²⁴) and its alias,
 * side by side so that a draw touches one cache line.
 *
 * <p>Filling distinct slot ranges from different threads is safe; sampling is read-only.
 */
final class AliasTable {
    private static final double ONE = 1 << 24;

    /** Per slot: the threshold in the upper 32 bits, the alias in the lower. */
    private final long[] slots;

    AliasTable(int size) {
        slots = new long[size];
    }

    /**
     * Builds the distribution of slots {@code [at, at + m)} from {@code w[0..m)} (non-negative, with a
     * positive sum). {@code w} is overwritten; {@code work} holds at least m ints.
     */
    void fill(int at, double[] w, int m, int[] work) {
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += w[i];
        }
        // small entries stack up from the front of work, large ones from the back
        int small = 0;
        int large = m;
        for (int i = 0; i < m; i++) {
            w[i] *= m / sum;
            if (w[i] < 1) {
                work[small++] = i;
            } else {
                work[--large] = i;
            }
        }
        while (small > 0 && large < m) {
            int s = work[--small];
            int l = work[large];
            set(at + s, w[s], l);
            w[l] -= 1 - w[s];
            if (w[l] < 1) {
                large++;
                work[small++] = l;
            }
        }
        // what is left is 1 up to rounding
        while (small > 0) {
            set(at + work[--small], 1, 0);
        }
        for (int i = large; i < m; i++) {
            set(at + work[i], 1, 0);
        }
    }

    private void set(int slot, double prob, int alias) {
        slots[slot] = (long) Math.min(ONE, Math.round(prob * ONE)) << 32 | alias;
    }

    /** An index in [0, m) of the distribution in slots {@code [at, at + m)}, from 64 random bits. */
    int sample(int at, int m, long bits) {
        int k = Rng.below(bits, m);
        long slot = slots[at + k];
        return (bits & 0xFFFFFF) < slot >>> 32 ? k : (int) slot;
    }
}
