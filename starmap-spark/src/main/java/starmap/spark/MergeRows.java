/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import scala.Tuple2;
import starmap.core.relations.SparseAccumulator;

/**
 * Adds up the partial rows of each item into its row of the matrix, streaming: the partition is sorted by
 * item, so one item's parts are adjacent and one dense accumulator serves them all. The sums are rounded to
 * float once, at the end, as in the single-machine builder.
 */
final class MergeRows implements FlatMapFunction<Iterator<Tuple2<Integer, PartialRow>>, MatrixRow> {
    private static final long serialVersionUID = 1L;

    private final int items;

    MergeRows(int items) {
        this.items = items;
    }

    @Override
    public Iterator<MatrixRow> call(Iterator<Tuple2<Integer, PartialRow>> parts) {
        SparseAccumulator acc = new SparseAccumulator(items);
        return new Iterator<>() {
            private Tuple2<Integer, PartialRow> pending = parts.hasNext() ? parts.next() : null;

            @Override
            public boolean hasNext() {
                return pending != null;
            }

            @Override
            public MatrixRow next() {
                if (pending == null) {
                    throw new NoSuchElementException();
                }
                int item = pending._1();
                long collections = 0;
                while (pending != null && pending._1() == item) {
                    acc.add(pending._2().columns, pending._2().sums, pending._2().columns.length);
                    collections += pending._2().collections;
                    pending = parts.hasNext() ? parts.next() : null;
                }
                int count = acc.drain();
                return new MatrixRow(item, java.util.Arrays.copyOf(acc.columns(), count),
                        SparseAccumulator.toFloat(acc.sums(), count), collections);
            }
        };
    }
}
