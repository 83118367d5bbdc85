/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.relations.Cooccurrence;
import starmap.core.relations.CooccurrenceMatrix;
import starmap.core.relations.CooccurrenceParams;
import starmap.core.relations.Interactions;
import starmap.core.relations.RelationGraph;
import starmap.core.relations.Sparsifier;
import starmap.core.relations.Transform;
import starmap.testkit.PlantedCollections;

/**
 * Collections with planted communities, per-row weights and times, and a few giant collections, as a CSV
 * file; and the single-machine builder's matrix and graph of them (item ordinals: most rows first, ties
 * by id; collection ordinals: ascending id), for the Spark job to match.
 */
record Planted(int[] collection, int[] item, float[] weight, double[] time, double[] score) {

    static Planted generate(int items, int collections, long seed) {
        PlantedCollections p = PlantedCollections.generate(items, 6, collections, 5, 0.1, 0, seed);
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        int giant = 3 * 120;
        int rows = p.rows() + giant;
        int[] c = Arrays.copyOf(p.collection(), rows);
        int[] it = Arrays.copyOf(p.item(), rows);
        for (int r = p.rows(); r < rows; r++) {
            c[r] = collections + (r - p.rows()) / 120; // three collections of 120 rows
            it[r] = rnd.nextInt(items);
        }
        float[] w = new float[rows];
        double[] t = new double[rows];
        double[] x = new double[rows];
        for (int r = 0; r < rows; r++) {
            w[r] = 1 + rnd.nextInt(5);
            t[r] = rnd.nextInt(1000);
            x[r] = rnd.nextInt(10) / 2.0;
        }
        // rows in a shuffled order: the result must not depend on it
        int[] perm = IntStream.range(0, rows).toArray();
        for (int q = rows - 1; q > 0; q--) {
            int o = rnd.nextInt(q + 1);
            int tmp = perm[q];
            perm[q] = perm[o];
            perm[o] = tmp;
        }
        return new Planted(Arrays.stream(perm).map(r -> c[r]).toArray(), Arrays.stream(perm).map(r -> it[r]).toArray(),
                floats(perm, w), doubles(perm, t), doubles(perm, x));
    }

    Path writeCsv(Path file) {
        StringBuilder sb = new StringBuilder("user,item,weight,time,score\n");
        for (int r = 0; r < item.length; r++) {
            sb.append(collection[r]).append(',').append(item[r]).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", weight[r])).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", time[r])).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", score[r])).append('\n');
        }
        try {
            return Files.writeString(file, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The single-machine reference: ids of kept items by ordinal, the matrix and the graph. */
    record Reference(int[] ids, CooccurrenceMatrix matrix, RelationGraph graph) {
    }

    /**
     * @param stringCollections collections are ranked as the strings "u" + id (as a test that renames them
     *                          so ranks them), not as numbers
     */
    Reference reference(int minCount, CooccurrenceParams p, int k, Transform t, boolean weighted, boolean timed,
            boolean scored, boolean stringCollections) {
        int maxId = Arrays.stream(item).max().orElse(0);
        long[] count = new long[maxId + 1];
        for (int i : item) {
            count[i]++;
        }
        int[] ids = IntStream.rangeClosed(0, maxId).filter(i -> count[i] >= minCount).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> -count[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        int[] ordinal = new int[maxId + 1];
        Arrays.fill(ordinal, -1);
        for (int q = 0; q < ids.length; q++) {
            ordinal[ids[q]] = q;
        }
        int[] keptRows = IntStream.range(0, item.length).filter(r -> ordinal[item[r]] >= 0).toArray();
        int[] colls = Arrays.stream(keptRows).map(r -> collection[r]).distinct().boxed()
                .sorted(stringCollections ? Comparator.comparing(c -> "u" + c) : Comparator.naturalOrder())
                .mapToInt(Integer::intValue).toArray();
        int[] collOrdinal = new int[Arrays.stream(collection).max().orElse(0) + 1];
        for (int q = 0; q < colls.length; q++) {
            collOrdinal[colls[q]] = q;
        }
        Interactions in = new Interactions(ids.length, colls.length,
                Arrays.stream(keptRows).map(r -> collOrdinal[collection[r]]).toArray(),
                Arrays.stream(keptRows).map(r -> ordinal[item[r]]).toArray(),
                weighted ? floats(keptRows, weight) : null, timed ? doubles(keptRows, time) : null,
                scored ? doubles(keptRows, score) : null);
        CooccurrenceMatrix m = Cooccurrence.build(in, p, Parallel.of(2), Progress.NONE);
        return new Reference(ids, m, Sparsifier.knn(m, k, t, Parallel.of(2), Progress.NONE));
    }

    private static float[] floats(int[] rows, float[] v) {
        float[] out = new float[rows.length];
        for (int q = 0; q < rows.length; q++) {
            out[q] = v[rows[q]];
        }
        return out;
    }

    private static double[] doubles(int[] rows, double[] v) {
        double[] out = new double[rows.length];
        for (int q = 0; q < rows.length; q++) {
            out[q] = v[rows[q]];
        }
        return out;
    }
}
