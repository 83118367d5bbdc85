/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Every item's rows, gathered on the driver, and the items kept: seen in at least
 * {@code minCount} rows, at most {@code maxItems} of them, the most frequent first with ties in ascending
 * id order (ids compared as numbers, or as strings code point by code point, which is the byte order of
 * UTF-8 that DuckDB sorts by), exactly the single-machine importer's ordinals. Distinct items must fit on
 * the driver (tens of millions do); the rows need not.
 */
final class Items implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Kept item ids (Long or String) by ordinal. */
    final Object[] ids;
    final long[] occurrences;
    /** Distinct collections of each kept item (counted while pairing, where whole collections meet). */
    final long[] collections;
    final long read;
    final long belowMinCount;
    final long beyondMaxItems;
    final long rows;
    final long droppedRows;

    private Items(Object[] ids, long[] occurrences, long[] collections, long read, long belowMinCount,
            long beyondMaxItems, long rows, long droppedRows) {
        this.ids = ids;
        this.occurrences = occurrences;
        this.collections = collections;
        this.read = read;
        this.belowMinCount = belowMinCount;
        this.beyondMaxItems = beyondMaxItems;
        this.rows = rows;
        this.droppedRows = droppedRows;
    }

    /** From rows (b: id, n: rows); the distinct collections of kept items are filled in by the pairing stage. */
    static Items of(List<Row> counts, int minCount, int maxItems) {
        List<Row> eligible = new ArrayList<>();
        long rows = 0;
        long dropped = 0;
        for (Row r : counts) {
            long n = r.getLong(1);
            rows += n;
            if (n >= minCount) {
                eligible.add(r);
            } else {
                dropped += n;
            }
        }
        eligible.sort(Comparator.<Row>comparingLong(r -> -r.getLong(1)).thenComparing(r -> r.get(0), Items::compareIds));
        int kept = Math.min(eligible.size(), maxItems);
        for (int i = kept; i < eligible.size(); i++) {
            dropped += eligible.get(i).getLong(1);
        }
        Object[] ids = new Object[kept];
        long[] n = new long[kept];
        long[] g = new long[kept];
        for (int i = 0; i < kept; i++) {
            Row r = eligible.get(i);
            ids[i] = r.get(0);
            n[i] = r.getLong(1);
        }
        return new Items(ids, n, g, counts.size(), counts.size() - eligible.size(), eligible.size() - kept, rows, dropped);
    }

    int kept() {
        return ids.length;
    }

    static int compareIds(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        String s = (String) a;
        String t = (String) b;
        int i = 0;
        int j = 0;
        while (i < s.length() && j < t.length()) {
            int c = s.codePointAt(i);
            int d = t.codePointAt(j);
            if (c != d) {
                return Integer.compare(c, d);
            }
            i += Character.charCount(c);
            j += Character.charCount(d);
        }
        return Integer.compare(s.length() - i, t.length() - j);
    }
}
