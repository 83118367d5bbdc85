/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import scala.Tuple2;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.relations.Cooccurrence;
import starmap.core.relations.CooccurrenceParams;
import starmap.core.relations.Interactions;

/**
 * Turns a partition of rows (a: collection id, idx: item ordinal[, w][, t][, x]), sorted so that each
 * collection's rows are adjacent, into partial matrix rows: whole collections are taken in batches of about
 * {@code batchRows} rows, renumbered (items in the order of their ordinals), and handed to
 * {@link Cooccurrence#forEachRow} with the giant collections' ranks, so the pair weights and the split of
 * giant collections are core's own.
 * Batches are computed one at a time as the shuffle consumes the output.
 */
final class PartialRows implements PairFlatMapFunction<Iterator<Row>, Integer, PartialRow> {
    private static final long serialVersionUID = 1L;

    private final int items;
    private final int batchRows;
    private final double attributeScale;
    private final double timeScale;
    private final int maxCollection;
    private final long seed;
    private final boolean weighted;
    private final boolean timed;
    private final boolean attributed;
    private final Broadcast<HashMap<Object, Long>> giantRanks;

    PartialRows(int items, int batchRows, CooccurrenceParams p, boolean weighted, boolean timed, boolean attributed,
            Broadcast<HashMap<Object, Long>> giantRanks) {
        this.items = items;
        this.batchRows = batchRows;
        this.attributeScale = p.attributeScale();
        this.timeScale = p.timeScale();
        this.maxCollection = p.maxCollection();
        this.seed = p.seed();
        this.weighted = weighted;
        this.timed = timed;
        this.attributed = attributed;
        this.giantRanks = giantRanks;
    }

    @Override
    public Iterator<Tuple2<Integer, PartialRow>> call(Iterator<Row> rows) {
        CooccurrenceParams p = new CooccurrenceParams(attributeScale, timeScale, maxCollection, seed);
        Batch batch = new Batch(giantRanks.value());
        return new Iterator<>() {
            private Iterator<Tuple2<Integer, PartialRow>> current = Collections.emptyIterator();
            private Row pending;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && (pending != null || rows.hasNext())) {
                    current = next(p, batch);
                }
                return current.hasNext();
            }

            @Override
            public Tuple2<Integer, PartialRow> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }

            /** Reads whole collections until the batch is full, then computes its partial rows. */
            private Iterator<Tuple2<Integer, PartialRow>> next(CooccurrenceParams p, Batch b) {
                b.clear();
                Object last = null;
                while (pending != null || rows.hasNext()) {
                    Row r = pending != null ? pending : rows.next();
                    pending = null;
                    Object c = r.get(0);
                    if (!c.equals(last) && b.size >= batchRows) {
                        pending = r;
                        break;
                    }
                    last = c;
                    b.add(c, r);
                }
                return b.partialRows(p);
            }
        };
    }

    /** The rows of the collections of one batch, with items and collections renumbered from 0. */
    private final class Batch {
        private final Map<Object, Long> giants;
        private final int[] local = new int[items];
        private int[] global = new int[1024];
        private int distinct;
        private long[] ranks = new long[256];
        private Object lastCollection;
        private int collections;
        private int[] collection = new int[4096];
        private int[] item = new int[4096];
        private float[] w = weighted ? new float[4096] : null;
        private double[] t = timed ? new double[4096] : null;
        private double[] x = attributed ? new double[4096] : null;
        int size;

        Batch(Map<Object, Long> giants) {
            this.giants = giants;
            Arrays.fill(local, -1);
        }

        void clear() {
            for (int i = 0; i < distinct; i++) {
                local[global[i]] = -1;
            }
            distinct = 0;
            collections = 0;
            lastCollection = null;
            size = 0;
        }

        void add(Object c, Row r) {
            if (!c.equals(lastCollection)) {
                if (collections == ranks.length) {
                    ranks = Arrays.copyOf(ranks, collections * 2);
                }
                ranks[collections++] = giants.getOrDefault(c, -1L);
                lastCollection = c;
            }
            if (size == item.length) {
                int m = size * 2;
                collection = Arrays.copyOf(collection, m);
                item = Arrays.copyOf(item, m);
                w = w == null ? null : Arrays.copyOf(w, m);
                t = t == null ? null : Arrays.copyOf(t, m);
                x = x == null ? null : Arrays.copyOf(x, m);
            }
            int g = r.getInt(1);
            if (local[g] < 0) {
                if (distinct == global.length) {
                    global = Arrays.copyOf(global, distinct * 2);
                }
                local[g] = distinct;
                global[distinct++] = g;
            }
            collection[size] = collections - 1;
            item[size] = local[g];
            int f = 2;
            if (w != null) {
                w[size] = r.getFloat(f++);
            }
            if (t != null) {
                t[size] = r.getDouble(f++);
            }
            if (x != null) {
                x[size] = r.getDouble(f);
            }
            size++;
        }

        /**
         * Renumbers the batch's items in the order of their ordinals in the whole data, as
         * {@link Cooccurrence#forEachRow} requires (a giant collection's rows are put in item order before
         * the seeded split).
         */
        private void renumberInOrder() {
            int[] before = Arrays.copyOf(global, distinct);
            Arrays.sort(global, 0, distinct);
            for (int q = 0; q < distinct; q++) {
                local[global[q]] = q;
            }
            for (int r = 0; r < size; r++) {
                item[r] = local[before[item[r]]];
            }
        }

        Iterator<Tuple2<Integer, PartialRow>> partialRows(CooccurrenceParams p) {
            if (size == 0) {
                return Collections.emptyIterator();
            }
            renumberInOrder();
            Interactions part = new Interactions(distinct, collections, Arrays.copyOf(collection, size),
                    Arrays.copyOf(item, size), w == null ? null : Arrays.copyOf(w, size),
                    t == null ? null : Arrays.copyOf(t, size), x == null ? null : Arrays.copyOf(x, size));
            int[] held = collectionsPerItem();
            List<Tuple2<Integer, PartialRow>> out = new ArrayList<>(distinct);
            Cooccurrence.forEachRow(part, Arrays.copyOf(ranks, collections), p, Parallel.sequential(),
                    Progress.NONE, (i, columns, sums, count) -> {
                        int[] cols = new int[count];
                        for (int q = 0; q < count; q++) {
                            cols[q] = global[columns[q]];
                        }
                        out.add(new Tuple2<>(global[i], new PartialRow(cols, Arrays.copyOf(sums, count), held[i])));
                    });
            return out.iterator();
        }

        /** For each item of the batch, the batch's collections that hold it (a collection's rows are adjacent). */
        private int[] collectionsPerItem() {
            int[] held = new int[distinct];
            int[] last = new int[distinct];
            Arrays.fill(last, -1);
            for (int r = 0; r < size; r++) {
                if (last[item[r]] != collection[r]) {
                    last[item[r]] = collection[r];
                    held[item[r]]++;
                }
            }
            return held;
        }
    }
}
