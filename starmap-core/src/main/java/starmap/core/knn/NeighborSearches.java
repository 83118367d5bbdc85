/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.knn;

import java.util.Locale;
import starmap.core.InvalidInputException;

/** Chooses a {@link NeighborSearch} by name or by problem size. */
public final class NeighborSearches {
    /**
     * Largest n · n · d searched exactly under {@link Method#AUTO}: about 2.5 × 10¹¹ multiply-adds,
     * 70,000 points of 50 dimensions (a few seconds on two cores).
     */
    static final double EXACT_BUDGET = 2.5e11;

    private NeighborSearches() {
    }

    /** How to search. */
    public enum Method {
        AUTO, EXACT, HNSW;

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Method parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.in("--knn").problem("unknown kNN method '" + s + "'; expected auto, exact or hnsw");
            }
        }
    }

    /** The search for {@code method}; AUTO is exact up to about 2.5 × 10¹¹ n²d multiply-adds, else HNSW. */
    public static NeighborSearch of(Method method, int n, int d) {
        return switch (method) {
            case EXACT -> new ExactSearch();
            case HNSW -> new HnswSearch(HnswSearch.Params.DEFAULTS);
            case AUTO -> (double) n * n * d <= EXACT_BUDGET ? new ExactSearch() : new HnswSearch(HnswSearch.Params.DEFAULTS);
        };
    }
}
