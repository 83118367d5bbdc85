/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.relations;

/**
 * What the relations builders tell the user about the data they dropped or could not use, worded once for
 * the single-machine importer and the Spark job alike.
 */
public final class Notes {
    private Notes() {
    }

    /** Items dropped by --min-count and --max-items, with their rows. */
    public static String droppedItems(long belowMinCount, int minCount, long beyondMaxItems, int maxItems,
            long droppedRows) {
        return "dropped " + belowMinCount + " items seen in fewer than " + minCount + " rows (--min-count) and "
                + beyondMaxItems + " less frequent items beyond --max-items " + maxItems + ": " + droppedRows + " rows";
    }

    /** The problem when filtering leaves fewer than two items. */
    public static String tooFewItems(long kept, long read, int minCount, int k) {
        return kept + " item(s) left after filtering (" + read + " read, --min-count " + minCount
                + "); a map needs at least " + (k + 1);
    }

    /** Collections left with one kept row. */
    public static String singleItemCollections(long collections) {
        return collections + " collections hold a single (kept) item: they pair nothing";
    }

    /** Items the graph leaves out (isolated, or in components of at most k items). */
    public static String leftOut(RelationGraph.Report r) {
        return r.leftOut() + " items are not in the map: " + r.isolated()
                + " share no collection (or edge) with any other kept item, " + r.smallComponent()
                + " are in groups of at most k = " + r.k() + " items connected only among themselves"
                + " (lower --k to keep those)";
    }
}
