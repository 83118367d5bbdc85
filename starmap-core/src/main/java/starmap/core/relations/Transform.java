/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.relations;

import java.util.Locale;
import starmap.core.InvalidInputException;

/**
 * How a similarity x between items i and j becomes a dissimilarity (smaller is stronger). Entries whose
 * dissimilarity is infinite or NaN are not edges.
 */
public enum Transform {
    /** {@code 1 / log(1 + x)}: raw co-occurrence, damped (the default). */
    LOG,
    /**
     * Pointwise mutual information {@code pmi = log(x · T / (R_i · R_j))} with row sums R and total T; the
     * dissimilarity is {@code exp(−pmi) = R_i R_j / (x T)}, the ratio of expected to observed co-occurrence.
     * Favours specific pairings over popular items.
     */
    PMI,
    /** PMI with the pairs that co-occur no more than chance ({@code pmi ≤ 0}) dropped. */
    PPMI,
    /** {@code 1 − x / (g_i + g_j − x)}, with g the collections each item is in: one minus the Jaccard index. */
    JACCARD;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Transform parse(String s) {
        for (Transform t : values()) {
            if (t.cliName().equals(s.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw InvalidInputException.in("--transform").problem("unknown transform '" + s
                + "'; expected log, pmi, ppmi or jaccard");
    }

    /** Whether the dissimilarity reads the row sums and their total (PMI, PPMI). */
    public boolean usesRowSums() {
        return this == PMI || this == PPMI;
    }

    /** Whether the dissimilarity reads the items' collection counts (Jaccard). */
    public boolean usesGroups() {
        return this == JACCARD;
    }

    /**
     * The dissimilarity of an entry x of row i and column j.
     *
     * @param ri, rj row sums (PMI) ; gi, gj collection counts (Jaccard); total the matrix sum
     */
    double dissimilarity(double x, double ri, double rj, double gi, double gj, double total) {
        if (!(x > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return switch (this) {
            case LOG -> 1 / Math.log1p(x);
            case PMI -> ri * rj / (x * total);
            case PPMI -> {
                double d = ri * rj / (x * total);
                yield d < 1 ? d : Double.POSITIVE_INFINITY;
            }
            case JACCARD -> Math.max(0, 1 - Math.min(1, x / Math.max(x, gi + gj - x)));
        };
    }
}
