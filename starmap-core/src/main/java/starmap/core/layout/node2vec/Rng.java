/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.node2vec;

/**
 * SplitMix64 (Steele, Lea and Flood 2014, the generator behind {@link java.util.SplittableRandom}) with
 * the bounded draws the walks and the negative sampling need, a few cycles each and allocation-free.
 * {@link #below} maps 32 random bits by multiplication (Lemire 2019) without the rejection step: its bias,
 * below bound / 2³², is far under the sampling noise of any run.
 *
 * <p>Not thread-safe: one per task.
 */
final class Rng {
    private long state;

    Rng(long seed) {
        state = seed;
    }

    /** A generator for one task of a run, a deterministic function of the run's seed and the task's ids. */
    static Rng of(long seed, long a, long b) {
        return new Rng(mix(mix(seed ^ 0x6A09E667F3BCC909L) + a) * 31 + mix(b));
    }

    /** SplitMix64's finaliser: a bijective scramble of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, bound) for bound ≥ 1, from the upper 32 bits of {@code bits}. */
    static int below(long bits, int bound) {
        return (int) (((bits >>> 32) * bound) >>> 32);
    }

    /** Uniform in [0, 1) on a 2⁻²⁴ grid, from the lower 24 bits of {@code bits}. */
    static float unit(long bits) {
        return (bits & 0xFFFFFF) * 0x1p-24f;
    }

    int nextInt(int bound) {
        return below(nextLong(), bound);
    }

    float nextFloat() {
        return unit(nextLong());
    }
}
