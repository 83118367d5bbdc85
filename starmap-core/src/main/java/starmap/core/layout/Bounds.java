/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout;

import java.util.Arrays;

/** The per-axis range of row-major positions. */
public record Bounds(double[] lo, double[] hi) {
    /** lo[a] and hi[a] over the rows of {@code y} ({@code dim} values per row); ±∞ when y is empty. */
    public static Bounds of(double[] y, int dim) {
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        int n = y.length / dim;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dim; a++) {
                double v = y[i * dim + a];
                lo[a] = Math.min(lo[a], v);
                hi[a] = Math.max(hi[a], v);
            }
        }
        return new Bounds(lo, hi);
    }
}
