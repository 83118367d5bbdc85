/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne;

import java.util.Locale;
import starmap.core.InvalidInputException;

/** How t-SNE's repulsive forces are computed. */
public enum Approximation {
    /**
     * Chosen by size and dimension: exact up to 1,000 points, else Barnes-Hut, which measured fastest in
     * 2D and 3D on Fashion-MNIST (docs/benchmarks.md).
     */
    AUTO("auto"),
    /** Every pair, O(n²). */
    EXACT("exact"),
    /** Barnes-Hut quad/octree, O(n log n), 2D and 3D. */
    BARNES_HUT("bh"),
    /** FFT-accelerated interpolation (FIt-SNE), O(n), 2D. */
    FFT("fft"),
    /** Dual-tree cell-cell interactions with first-order local expansions, about O(n), 2D and 3D. */
    DUAL_TREE("dual-tree");

    private final String cliName;

    Approximation(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Approximation parse(String s) {
        for (Approximation a : values()) {
            if (a.cliName.equals(s.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw InvalidInputException.in("--approximation").problem("unknown approximation '" + s
                + "'; expected auto, exact, bh, fft or dual-tree");
    }
}
