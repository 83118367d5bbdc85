/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.relations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import starmap.core.InvalidInputException;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;

class CooccurrenceTest {
    private static final Progress QUIET = Progress.NONE;

    /** Collections {0,1,2}, {0,1}, {2}, {3,3}: pairs 01 ×2, 02, 12; item 3 only with itself. */
    private static Interactions small() {
        return Interactions.of(4, 4, new int[] {0, 0, 0, 1, 1, 2, 3, 3}, new int[] {0, 1, 2, 0, 1, 2, 3, 3});
    }

    @Test
    void countsEveryPairOfACollectionOnceEachWay() {
        CooccurrenceMatrix m = Cooccurrence.build(small(), CooccurrenceParams.DEFAULTS, Parallel.sequential(), QUIET);
        assertEquals(2f, m.get(0, 1));
        assertEquals(2f, m.get(1, 0));
        assertEquals(1f, m.get(0, 2));
        assertEquals(1f, m.get(2, 1));
        assertEquals(0, m.columns()[3].length, "an item paired only with itself has no entry");
        assertEquals(6, m.nonZeros());
        assertArrayEquals(new long[] {2, 2, 2, 2}, m.occurrences());
        assertArrayEquals(new long[] {2, 2, 2, 1}, m.groups(), "distinct collections per item");
    }

    @Test
    void weightsTimesAndAttributesShapeThePairWeight() {
        // one collection: rows (item 0, w 4, t 0, x 0), (item 1, w 1, t 10, x 3), (item 2, w 9, t 10, x 3)
        Interactions rows = new Interactions(3, 1, new int[] {0, 0, 0}, new int[] {0, 1, 2}, new float[] {4, 1, 9},
                new double[] {0, 10, 10}, new double[] {0, 3, 3});
        CooccurrenceMatrix plain = Cooccurrence.build(rows, CooccurrenceParams.DEFAULTS, Parallel.sequential(), QUIET);
        assertEquals(2f, plain.get(0, 1), 1e-6, "sqrt(4 · 1)");
        assertEquals(6f, plain.get(0, 2), 1e-6, "sqrt(4 · 9)");
        CooccurrenceMatrix decayed = Cooccurrence.build(rows, CooccurrenceParams.DEFAULTS.withTimeScale(10)
                .withAttributeScale(3), Parallel.sequential(), QUIET);
        assertEquals(2 * Math.exp(-1 - 1), decayed.get(0, 1), 1e-6);
        assertEquals(3f, decayed.get(1, 2), 1e-6, "same time and attribute: no decay");
    }

    @Test
    void giantCollectionsAreSplitWithUnbiasedWeightsAndLinearWork() {
        int n = 2000;
        int[] coll = new int[n];
        int[] item = new int[n];
        for (int i = 0; i < n; i++) {
            item[i] = i;
        }
        CooccurrenceMatrix m = Cooccurrence.build(Interactions.of(n, 1, coll, item),
                CooccurrenceParams.DEFAULTS.withMaxCollection(100), Parallel.of(2), QUIET);
        assertEquals(1, m.splitCollections());
        for (int i = 0; i < n; i++) {
            assertEquals(99, m.columns()[i].length, "each row pairs within its part of 100");
            assertEquals(n - 1, m.rowSum(i), 1e-2, "the row sum is the one of the whole collection");
        }
        CooccurrenceMatrix again = Cooccurrence.build(Interactions.of(n, 1, coll, item),
                CooccurrenceParams.DEFAULTS.withMaxCollection(100), Parallel.sequential(), QUIET);
        assertEquals(sorted(m, 7), sorted(again, 7), "the split depends on the seed, not on threads");
    }

    @Test
    void parallelBuildEqualsSequential() {
        SplittableRandom rnd = new SplittableRandom(3);
        int rows = 20_000;
        int[] coll = new int[rows];
        int[] item = new int[rows];
        for (int r = 0; r < rows; r++) {
            coll[r] = rnd.nextInt(1000);
            item[r] = (int) Math.min(499, Math.floor(Math.exp(rnd.nextDouble() * Math.log(500))));
        }
        Interactions in = Interactions.of(500, 1000, coll, item);
        CooccurrenceMatrix a = Cooccurrence.build(in, CooccurrenceParams.DEFAULTS, Parallel.sequential(), QUIET);
        CooccurrenceMatrix b = Cooccurrence.build(in, CooccurrenceParams.DEFAULTS, Parallel.of(2), QUIET);
        for (int i = 0; i < 500; i++) {
            assertEquals(sorted(a, i), sorted(b, i));
            for (int p = 0; p < a.columns()[i].length; p++) {
                assertEquals(a.values()[i][p], b.get(i, a.columns()[i][p]), "row " + i);
                assertEquals(a.values()[i][p], a.get(a.columns()[i][p], i), "symmetric at row " + i);
            }
        }
    }

    /** Weighted, timed rows in 60 collections of up to 40 rows, a few larger than the cap of 8. */
    private static Interactions mixed(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = 0;
        int[] sizes = new int[60];
        for (int c = 0; c < sizes.length; c++) {
            sizes[c] = 1 + rnd.nextInt(c % 7 == 0 ? 40 : 8);
            rows += sizes[c];
        }
        int[] coll = new int[rows];
        int[] item = new int[rows];
        float[] w = new float[rows];
        double[] t = new double[rows];
        int r = 0;
        for (int c = 0; c < sizes.length; c++) {
            for (int q = 0; q < sizes[c]; q++, r++) {
                coll[r] = c;
                item[r] = rnd.nextInt(50);
                w[r] = 1 + rnd.nextInt(5);
                t[r] = rnd.nextInt(100);
            }
        }
        return new Interactions(50, sizes.length, coll, item, w, t, null);
    }

    @Test
    void partsOfConsecutiveCollectionsAddUpToTheWholeMatrix() {
        Interactions all = mixed(3);
        CooccurrenceParams p = CooccurrenceParams.DEFAULTS.withMaxCollection(8).withTimeScale(50);
        CooccurrenceMatrix whole = Cooccurrence.build(all, p, Parallel.sequential(), QUIET);
        assertTrue(whole.splitCollections() > 0, "the data has giant collections");
        // two parts: collections [0, 25) and [25, 60), each numbered from 0 within its part
        double[][] sum = new double[50][50];
        long split = 0;
        for (int[] range : new int[][] {{0, 25}, {25, 60}}) {
            int[] rows = java.util.stream.IntStream.range(0, all.rows())
                    .filter(r -> all.collection()[r] >= range[0] && all.collection()[r] < range[1]).toArray();
            int[] coll = Arrays.stream(rows).map(r -> all.collection()[r] - range[0]).toArray();
            int[] item = Arrays.stream(rows).map(r -> all.item()[r]).toArray();
            float[] w = new float[rows.length];
            double[] t = new double[rows.length];
            for (int q = 0; q < rows.length; q++) {
                w[q] = all.weight()[rows[q]];
                t[q] = all.time()[rows[q]];
            }
            Interactions part = new Interactions(50, range[1] - range[0], coll, item, w, t, null);
            long[] ranks = new long[range[1] - range[0]];
            for (int c = range[0]; c < range[1]; c++) {
                ranks[c - range[0]] = giantRank(all, c, p.maxCollection());
            }
            split += Cooccurrence.forEachRow(part, ranks, p, Parallel.of(2), QUIET, (i, c, v, count) -> {
                synchronized (sum) {
                    for (int q = 0; q < count; q++) {
                        sum[i][c[q]] += v[q];
                    }
                }
            });
        }
        assertEquals(whole.splitCollections(), split);
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 50; j++) {
                assertEquals(whole.get(i, j), (float) sum[i][j], "(" + i + ", " + j + ")");
            }
        }
    }

    /** Collections before c (in ordinal, that is id, order) larger than the cap; -1 if c is not one. */
    private static long giantRank(Interactions all, int c, int cap) {
        int[] size = new int[all.collections()];
        for (int x : all.collection()) {
            size[x]++;
        }
        if (size[c] <= cap) {
            return -1;
        }
        return java.util.stream.IntStream.range(0, c).filter(x -> size[x] > cap).count();
    }

    @Test
    void theSplitOfGiantCollectionsDoesNotDependOnRowOrder() {
        Interactions a = mixed(5);
        int[] perm = java.util.stream.IntStream.range(0, a.rows()).toArray();
        SplittableRandom rnd = new SplittableRandom(9);
        for (int q = perm.length - 1; q > 0; q--) {
            int x = rnd.nextInt(q + 1);
            int tmp = perm[q];
            perm[q] = perm[x];
            perm[x] = tmp;
        }
        float[] w = new float[perm.length];
        double[] t = new double[perm.length];
        for (int q = 0; q < perm.length; q++) {
            w[q] = a.weight()[perm[q]];
            t[q] = a.time()[perm[q]];
        }
        Interactions b = new Interactions(50, a.collections(), Arrays.stream(perm).map(r -> a.collection()[r]).toArray(),
                Arrays.stream(perm).map(r -> a.item()[r]).toArray(), w, t, null);
        CooccurrenceParams p = CooccurrenceParams.DEFAULTS.withMaxCollection(8);
        CooccurrenceMatrix ma = Cooccurrence.build(a, p, Parallel.sequential(), QUIET);
        CooccurrenceMatrix mb = Cooccurrence.build(b, p, Parallel.sequential(), QUIET);
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 50; j++) {
                assertEquals(ma.get(i, j), mb.get(i, j), "(" + i + ", " + j + ")");
            }
            assertEquals(ma.rowSum(i), mb.rowSum(i), "row sums do not depend on the order of the columns");
        }
    }

    @Test
    void edgeListsAreSymmetrisedSummedAndSelfLoopsSkipped() {
        CooccurrenceMatrix m = Cooccurrence.fromEdges(3, new int[] {0, 1, 2, 0}, new int[] {1, 0, 2, 2},
                new float[] {1, 2, 5, 3});
        assertEquals(3f, m.get(0, 1));
        assertEquals(3f, m.get(1, 0));
        assertEquals(3f, m.get(2, 0));
        assertEquals(0f, m.get(2, 2));
        assertEquals(4, m.nonZeros());
    }

    @Test
    void badRowsAreNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new Interactions(2, 1,
                new int[] {0, 0}, new int[] {0, 1}, new float[] {1, Float.NaN}, null, null));
        assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new Interactions(2, 1, new int[] {0, 0},
                new int[] {0, 1}, new float[] {-1, 1}, null, null));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Cooccurrence.fromEdges(2, new int[] {0}, new int[] {1},
                new float[] {-2}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    private static String sorted(CooccurrenceMatrix m, int row) {
        int[] c = m.columns()[row].clone();
        Arrays.sort(c);
        return Arrays.toString(c);
    }
}
