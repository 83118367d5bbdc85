/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.testkit;

/**
 * The seed tests use: {@code -Dstarmap.seed=N} to reproduce a run, else a fixed default. Tests print
 * it in failure messages through {@link #describe()}.
 */
public final class Seeds {
    private static final long DEFAULT = 20261122L;

    private Seeds() {
    }

    public static long seed() {
        return Long.getLong("starmap.seed", DEFAULT);
    }

    public static String describe() {
        return "seed " + seed() + " (rerun with -Dstarmap.seed=" + seed() + ")";
    }
}
