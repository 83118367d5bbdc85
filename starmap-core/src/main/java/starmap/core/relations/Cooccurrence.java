/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.relations;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import starmap.core.InvalidInputException;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;

/**
 * Builds the co-occurrence matrix of items that share collections.
 *
 * <p>Row-by-row sparse product (Gustavson's algorithm): rows are grouped by collection once, each item
 * keeps the list of its rows, and item i's row of the matrix is gathered by visiting the groups of its
 * rows into a dense per-thread accumulator of n floats, with a list of the columns touched. The matrix is
 * never dense, memory is the non-zeros plus O(rows + n · threads), and items are spread over all cores
 * with no locking (each thread writes only its own rows). The work is Σ (group size)², bounded by the
 * cap on collection size. Sums are kept in double while a row is gathered and stored as float.
 *
 * <p>The Spark job ({@code starmap-spark}) runs the same code on parts of the data
 * ({@link #forEachRow}) and adds the parts' rows up with the same {@link SparseAccumulator}.
 */
public final class Cooccurrence {
    private Cooccurrence() {
    }

    /** The matrix of {@code rows}; see {@link CooccurrenceParams} for how pairs are weighted. */
    public static CooccurrenceMatrix build(Interactions rows, CooccurrenceParams p, Parallel par, Progress progress) {
        Groups g = Groups.of(rows, null, p);
        int n = rows.items();
        int[][] cols = new int[n][];
        float[][] vals = new float[n][];
        long[] occurrences = new long[n];
        for (int it : rows.item()) {
            occurrences[it]++;
        }
        long[] groups = distinctCollections(rows, g);
        eachRow(rows, g, p, par, progress, (i, c, sums, count) -> {
            cols[i] = Arrays.copyOf(c, count);
            vals[i] = SparseAccumulator.toFloat(sums, count);
        });
        return new CooccurrenceMatrix(n, cols, vals, occurrences, groups, g.split);
    }

    /** Receives the rows of the matrix, one call per item, from any thread. */
    @FunctionalInterface
    public interface RowSink {
        /**
         * Row {@code item}: its first {@code count} columns (in first-touched order) and their sums in
         * double; the arrays are reused after the call returns.
         */
        void row(int item, int[] columns, double[] sums, int count);
    }

    /**
     * The rows of the matrix of a part of the data, in double, without keeping them: what a distributed
     * builder adds up across parts. The part's collections must be whole (every row of a collection in
     * the same part), and its item ordinals must keep the order of the data set's (a giant collection's
     * rows are sorted by item before the split). {@code giantRanks[c]} is, for each of the part's
     * collections larger than the cap, its rank among all the data set's collections larger than the cap
     * in ascending order of their ids (0 for the first), which seeds its split exactly as {@link #build}
     * over the whole data does; the value of smaller collections is not read. Summing the rows of all
     * parts then gives {@link #build}'s matrix.
     *
     * @return how many collections of the part were split
     */
    public static long forEachRow(Interactions part, long[] giantRanks, CooccurrenceParams p, Parallel par,
            Progress progress, RowSink sink) {
        if (giantRanks.length != part.collections()) {
            throw new IllegalArgumentException(giantRanks.length + " ranks for " + part.collections() + " collections");
        }
        Groups g = Groups.of(part, giantRanks, p);
        eachRow(part, g, p, par, progress, sink);
        return g.split;
    }

    private static void eachRow(Interactions rows, Groups g, CooccurrenceParams p, Parallel par, Progress progress,
            RowSink sink) {
        int n = rows.items();
        int[][] byItem = g.rowsByItem(rows.item(), n);
        // rows' items and attributes in group order, so the inner loop reads memory in sequence
        int[] itemAt = g.permute(rows.item());
        PairWeight weight = new PairWeight(rows, p, g);
        ThreadLocal<SparseAccumulator> scratch = ThreadLocal.withInitial(() -> new SparseAccumulator(n));
        progress.begin("co-occurrence", n);
        try {
            par.forRange(n, 64, (start, end) -> {
                progress.checkCancelled();
                SparseAccumulator acc = scratch.get();
                for (int i = start; i < end; i++) {
                    for (int pos : byItem[i]) {
                        int grp = g.groupOf[pos];
                        float scale = g.scale[grp];
                        int end2 = g.start[grp + 1];
                        if (weight.plain()) {
                            for (int q = g.start[grp]; q < end2; q++) {
                                int j = itemAt[q];
                                if (j != i) {
                                    acc.add(j, scale);
                                }
                            }
                        } else {
                            for (int q = g.start[grp]; q < end2; q++) {
                                int j = itemAt[q];
                                if (j != i) {
                                    acc.add(j, scale * weight.of(pos, q));
                                }
                            }
                        }
                    }
                    int count = acc.drain();
                    sink.row(i, acc.columns(), acc.sums(), count);
                }
                progress.advance(end - start);
            });
        } finally {
            progress.end();
        }
    }

    /**
     * The similarity matrix of a related-items edge list: each edge (s, t, w) adds w to (s, t) and to
     * (t, s), so an edge listed in both directions counts twice. Self-loops are skipped.
     *
     * @param weight per-edge weights (non-negative, finite), or null for 1
     */
    public static CooccurrenceMatrix fromEdges(int n, int[] source, int[] target, float[] weight) {
        long[] occurrences = new long[n];
        int[] degree = new int[n];
        for (int e = 0; e < source.length; e++) {
            int s = source[e];
            int t = target[e];
            if (s < 0 || s >= n || t < 0 || t >= n) {
                throw InvalidInputException.in("edges").row(e + 1L).problem("(" + s + ", " + t + ") outside [0, " + n + ")");
            }
            if (weight != null && !(weight[e] >= 0 && weight[e] < Float.POSITIVE_INFINITY)) {
                throw InvalidInputException.in("edges").row(e + 1L).problem("weight " + weight[e]
                        + " is not a finite number >= 0");
            }
            occurrences[s]++;
            occurrences[t]++;
            if (s != t) {
                degree[s]++;
                degree[t]++;
            }
        }
        int[][] cols = new int[n][];
        float[][] vals = new float[n][];
        for (int i = 0; i < n; i++) {
            cols[i] = new int[degree[i]];
            vals[i] = new float[degree[i]];
        }
        int[] fill = new int[n];
        for (int e = 0; e < source.length; e++) {
            int s = source[e];
            int t = target[e];
            if (s != t) {
                float w = weight == null ? 1f : weight[e];
                cols[s][fill[s]] = t;
                vals[s][fill[s]++] = w;
                cols[t][fill[t]] = s;
                vals[t][fill[t]++] = w;
            }
        }
        SparseAccumulator acc = new SparseAccumulator(n);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < cols[i].length; p++) {
                acc.add(cols[i][p], vals[i][p]);
            }
            int count = acc.drain();
            cols[i] = Arrays.copyOf(acc.columns(), count);
            vals[i] = SparseAccumulator.toFloat(acc.sums(), count);
        }
        return new CooccurrenceMatrix(n, cols, vals, occurrences, occurrences.clone(), 0);
    }

    /** Distinct collections per item: rows are visited group by group, and groups of one collection are adjacent. */
    private static long[] distinctCollections(Interactions rows, Groups g) {
        long[] out = new long[rows.items()];
        int[] last = new int[rows.items()];
        Arrays.fill(last, -1);
        for (int pos = 0; pos < g.order.length; pos++) {
            int r = g.order[pos];
            int it = rows.item()[r];
            int c = rows.collection()[r];
            if (last[it] != c) {
                last[it] = c;
                out[it]++;
            }
        }
        return out;
    }

    /** The weight two rows of one group add to their items' pair. */
    private static final class PairWeight {
        private final float[] w;
        private final double[] t;
        private final double[] x;
        private final double invTime;
        private final double invAttribute;

        PairWeight(Interactions rows, CooccurrenceParams p, Groups g) {
            w = rows.weight() == null ? null : g.permute(rows.weight());
            t = p.timeScale() > 0 && rows.time() != null ? g.permute(rows.time()) : null;
            x = p.attributeScale() > 0 && rows.attribute() != null ? g.permute(rows.attribute()) : null;
            invTime = p.timeScale() > 0 ? 1 / p.timeScale() : 0;
            invAttribute = p.attributeScale() > 0 ? 1 / p.attributeScale() : 0;
        }

        /** Whether every pair weighs 1. */
        boolean plain() {
            return w == null && t == null && x == null;
        }

        /** The weight of the rows at group-order positions a and b. */
        float of(int a, int b) {
            double v = w == null ? 1 : Math.sqrt((double) w[a] * w[b]);
            double decay = 0;
            if (t != null) {
                decay += Math.abs(t[a] - t[b]) * invTime;
            }
            if (x != null) {
                decay += Math.abs(x[a] - x[b]) * invAttribute;
            }
            return (float) (decay == 0 ? v : v * Math.exp(-decay));
        }
    }

    /**
     * Rows grouped by collection, giant collections split into shuffled parts: {@code order[start[g] …
     * start[g+1])} are the rows of group g, {@code scale[g]} the factor its pairs carry, and
     * {@code groupOf[pos]} the group of position pos.
     */
    private static final class Groups {
        int[] order;
        int[] start;
        float[] scale;
        int[] groupOf;
        long split;

        /** @param giantRanks see {@link #forEachRow}; null: the rows are the whole data, numbered in id order */
        static Groups of(Interactions rows, long[] giantRanks, CooccurrenceParams p) {
            int m = rows.collections();
            int[] count = new int[m + 1];
            for (int c : rows.collection()) {
                count[c + 1]++;
            }
            for (int c = 0; c < m; c++) {
                count[c + 1] += count[c];
            }
            int[] order = new int[rows.rows()];
            int[] fill = Arrays.copyOf(count, m);
            for (int r = 0; r < rows.rows(); r++) {
                order[fill[rows.collection()[r]]++] = r;
            }
            int cap = p.maxCollection();
            int groups = 0;
            for (int c = 0; c < m; c++) {
                int size = count[c + 1] - count[c];
                groups += size <= cap ? 1 : (size + cap - 1) / cap;
            }
            Groups g = new Groups();
            g.order = order;
            g.start = new int[groups + 1];
            g.scale = new float[groups];
            g.groupOf = new int[order.length];
            int k = 0;
            for (int c = 0; c < m; c++) {
                int from = count[c];
                int size = count[c + 1] - from;
                int parts = size <= cap ? 1 : (size + cap - 1) / cap;
                if (parts > 1) {
                    long rank = giantRanks == null ? g.split : giantRanks[c];
                    if (rank < 0) {
                        throw new IllegalArgumentException("collection " + c + " has " + size + " rows, more than "
                                + cap + ", but no giant rank");
                    }
                    g.split++;
                    canonical(order, from, size, rows);
                    shuffle(order, from, size, new SplittableRandom(p.seed() * 0x9E3779B97F4A7C15L + rank));
                }
                for (int part = 0; part < parts; part++) {
                    int a = from + (int) ((long) size * part / parts);
                    int b = from + (int) ((long) size * (part + 1) / parts);
                    g.start[k] = a;
                    g.scale[k] = parts == 1 || b - a < 2 ? 1f : (float) ((size - 1.0) / (b - a - 1.0));
                    Arrays.fill(g.groupOf, a, b, k);
                    k++;
                }
            }
            g.start[groups] = order.length;
            return g;
        }

        int[] permute(int[] byRow) {
            int[] out = new int[order.length];
            for (int pos = 0; pos < order.length; pos++) {
                out[pos] = byRow[order[pos]];
            }
            return out;
        }

        float[] permute(float[] byRow) {
            float[] out = new float[order.length];
            for (int pos = 0; pos < order.length; pos++) {
                out[pos] = byRow[order[pos]];
            }
            return out;
        }

        double[] permute(double[] byRow) {
            double[] out = new double[order.length];
            for (int pos = 0; pos < order.length; pos++) {
                out[pos] = byRow[order[pos]];
            }
            return out;
        }

        /** For each item, the positions (in {@code order}) of its rows. */
        int[][] rowsByItem(int[] item, int n) {
            int[] count = new int[n];
            for (int r : order) {
                count[item[r]]++;
            }
            int[][] out = new int[n][];
            for (int i = 0; i < n; i++) {
                out[i] = new int[count[i]];
            }
            int[] fill = new int[n];
            for (int pos = 0; pos < order.length; pos++) {
                int it = item[order[pos]];
                out[it][fill[it]++] = pos;
            }
            return out;
        }

        /**
         * Sorts a giant collection's rows by (item, weight, time, attribute) before the seeded shuffle, so
         * that how it is split does not depend on the order its rows were read in (rows equal in all four
         * are interchangeable).
         */
        private static void canonical(int[] order, int from, int size, Interactions rows) {
            Comparator<Integer> by = Comparator.comparingInt(r -> rows.item()[r]);
            if (rows.weight() != null) {
                by = by.thenComparingDouble(r -> rows.weight()[r]);
            }
            if (rows.time() != null) {
                by = by.thenComparingDouble(r -> rows.time()[r]);
            }
            if (rows.attribute() != null) {
                by = by.thenComparingDouble(r -> rows.attribute()[r]);
            }
            Integer[] part = new Integer[size];
            for (int q = 0; q < size; q++) {
                part[q] = order[from + q];
            }
            Arrays.sort(part, by);
            for (int q = 0; q < size; q++) {
                order[from + q] = part[q];
            }
        }

        private static void shuffle(int[] a, int from, int size, SplittableRandom rnd) {
            for (int i = size - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = a[from + i];
                a[from + i] = a[from + j];
                a[from + j] = t;
            }
        }
    }
}
