/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.knn;

import java.util.Locale;
import starmap.core.InvalidInputException;

/**
 * How distance between vectors is measured.
 *
 * <ul>
 *   <li>{@link #EUCLIDEAN}: ‖a − b‖.</li>
 *   <li>{@link #COSINE}: 1 − cos(a, b); zero vectors are at distance 1 from everything.</li>
 *   <li>{@link #INNER_PRODUCT}: neighbours are the largest a·b; the stored distance of neighbour j of
 *       point i is {@code max_l(a_i·a_l) − a_i·a_j} over its neighbours l, so it is ≥ 0 and ascending.</li>
 * </ul>
 */
public enum Metric {
    EUCLIDEAN, COSINE, INNER_PRODUCT;

    /** The name used by the CLI and in stored graphs: euclidean, cosine, inner_product. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The distance between two vectors, one pair at a time (for the scalar paths: HNSW's scoring, vector
     * queries): 1 − cos for {@link #COSINE} (1 when either is zero, never below 0), ‖a − b‖ otherwise.
     * {@link #INNER_PRODUCT}'s stored distance depends on the neighbour list and is not a pairwise one.
     */
    public double between(float[] a, float[] b) {
        if (this == COSINE) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int j = 0; j < a.length; j++) {
                dot += a[j] * b[j];
                na += a[j] * a[j];
                nb += b[j] * b[j];
            }
            return na == 0 || nb == 0 ? 1 : Math.max(0, 1 - dot / Math.sqrt(na * nb));
        }
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            s += t * t;
        }
        return Math.sqrt(s);
    }

    public static Metric parse(String s) {
        String t = s.toLowerCase(Locale.ROOT).replace('-', '_');
        for (Metric m : values()) {
            if (m.cliName().equals(t) || (m == INNER_PRODUCT && t.equals("ip")) || (m == EUCLIDEAN && t.equals("l2"))) {
                return m;
            }
        }
        throw InvalidInputException.in("--metric").problem("unknown metric '" + s
                + "'; expected euclidean, cosine or inner_product");
    }
}
