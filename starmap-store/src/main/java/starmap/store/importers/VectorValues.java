/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import starmap.core.InvalidInputException;

/** The checks every vector component passes on its way into an atlas. */
final class VectorValues {
    private VectorValues() {
    }

    /**
     * Converts {@code v} to float32, rejecting NaN, ±Inf and values beyond float32's range.
     *
     * @param unit "row", "line", "vector" …; {@code position} is 1-based
     */
    static float toFloat(double v, String source, String unit, long position, String column) {
        float f = (float) v;
        if (Float.isFinite(f)) {
            return f;
        }
        String problem = Double.isNaN(v) ? "vector value is NaN"
                : Double.isInfinite(v) ? "vector value is " + (v > 0 ? "+Inf" : "-Inf")
                : "vector value " + v + " is outside float32's range";
        throw InvalidInputException.in(source).at(unit, position).column(column).problem(problem);
    }

    /** Scans {@code count} floats from {@code offset} and rejects the first non-finite one. */
    static void checkFinite(float[] values, int offset, int count, int dim, FirstBad report) {
        for (int p = offset; p < offset + count; p++) {
            if (!Float.isFinite(values[p])) {
                report.at((p - offset) / dim, (p - offset) % dim, values[p]);
            }
        }
    }

    /** Reports a non-finite value at (row within the scan, component). */
    @FunctionalInterface
    interface FirstBad {
        void at(int row, int component, float value);
    }

    /** The name of vector component {@code j} in messages. */
    static String component(int j) {
        return "vector[" + j + "]";
    }
}
