/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.relations;

import starmap.core.InvalidInputException;
import starmap.core.InvalidParameterException;

/**
 * Rows of (collection, item) with optional per-row weight, timestamp and numeric attribute, ids already
 * mapped to dense ordinals. The arrays are taken over, not copied; a missing optional column is
 * {@code null}.
 *
 * @param items       number of distinct items; item ordinals are in [0, items)
 * @param collections number of distinct collections; collection ordinals are in [0, collections)
 * @param collection  the collection of each row
 * @param item        the item of each row
 * @param weight      a non-negative finite weight per row (for example a rating or a play count), or null
 * @param time        a timestamp per row in any unit (seconds, days), or null
 * @param attribute   a numeric attribute per row (for example a score or a difficulty), or null
 */
public record Interactions(int items, int collections, int[] collection, int[] item, float[] weight, double[] time,
        double[] attribute) {

    public Interactions {
        InvalidParameterException.require(items >= 0, "items", ">= 0", items);
        InvalidParameterException.require(collections >= 0, "collections", ">= 0", collections);
        int n = item.length;
        check(collection.length == n, "collection", collection.length, n);
        check(weight == null || weight.length == n, "weight", weight == null ? 0 : weight.length, n);
        check(time == null || time.length == n, "time", time == null ? 0 : time.length, n);
        check(attribute == null || attribute.length == n, "attribute", attribute == null ? 0 : attribute.length, n);
        for (int r = 0; r < n; r++) {
            String problem = null;
            if (item[r] < 0 || item[r] >= items) {
                problem = "item ordinal " + item[r] + " is outside [0, " + items + ")";
            } else if (collection[r] < 0 || collection[r] >= collections) {
                problem = "collection ordinal " + collection[r] + " is outside [0, " + collections + ")";
            } else if (weight != null && !(weight[r] >= 0 && weight[r] < Float.POSITIVE_INFINITY)) {
                problem = "weight " + weight[r] + " is not a finite number >= 0";
            } else if (time != null && !Double.isFinite(time[r])) {
                problem = "time " + time[r] + " is not finite";
            } else if (attribute != null && !Double.isFinite(attribute[r])) {
                problem = "attribute " + attribute[r] + " is not finite";
            }
            if (problem != null) {
                throw InvalidInputException.in("interactions").row(r + 1L).problem(problem);
            }
        }
    }

    /** Rows of (collection, item) without weights, times or attributes. */
    public static Interactions of(int items, int collections, int[] collection, int[] item) {
        return new Interactions(items, collections, collection, item, null, null, null);
    }

    /** Number of rows. */
    public int rows() {
        return item.length;
    }

    private static void check(boolean ok, String what, int length, int rows) {
        if (!ok) {
            throw InvalidInputException.in("interactions").problem(what + " has " + length + " entries, expected one per row ("
                    + rows + ")");
        }
    }
}
