/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.relations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import starmap.core.InvalidInputException;
import starmap.core.InvalidParameterException;
import starmap.core.graph.KnnGraph;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;

class SparsifierTest {

    private static CooccurrenceMatrix edges(int n, int[][] e) {
        int[] s = new int[e.length];
        int[] t = new int[e.length];
        float[] w = new float[e.length];
        for (int i = 0; i < e.length; i++) {
            s[i] = e[i][0];
            t[i] = e[i][1];
            w[i] = e[i][2];
        }
        return Cooccurrence.fromEdges(n, s, t, w);
    }

    private static RelationGraph knn(CooccurrenceMatrix m, int k, Transform t) {
        return Sparsifier.knn(m, k, t, Parallel.of(2), Progress.NONE);
    }

    @Test
    void keepsTheStrongestEdgesNearestFirst() {
        // a star: 0 tied to 1..4 with weights 1..4, and a ring 1-2-3-4-1 of weight 1
        CooccurrenceMatrix m = edges(5, new int[][] {{0, 1, 1}, {0, 2, 2}, {0, 3, 3}, {0, 4, 4}, {1, 2, 1}, {2, 3, 1},
                {3, 4, 1}, {4, 1, 1}});
        RelationGraph g = knn(m, 2, Transform.LOG);
        assertArrayEquals(new int[] {4, 3}, g.graph().neighbors(0), "weight 4 then 3");
        assertEquals(1 / Math.log1p(4), g.graph().distance(0, 0), 1e-6);
        assertEquals(5, g.report().direct());
        assertEquals(0, g.report().filled());
    }

    @Test
    void itemsWithFewEdgesAreFilledInByWalkingTheGraph() {
        // a path 0-1-2-3-4-5 with unit weights: item 0 has one edge, so walking adds 2 and 3
        CooccurrenceMatrix m = edges(6, new int[][] {{0, 1, 1}, {1, 2, 1}, {2, 3, 1}, {3, 4, 1}, {4, 5, 1}});
        RelationGraph g = knn(m, 3, Transform.LOG);
        KnnGraph graph = g.graph();
        assertArrayEquals(new int[] {1, 2, 3}, graph.neighbors(0));
        double d = 1 / Math.log1p(1);
        assertEquals(d, graph.distance(0, 0), 1e-6);
        assertEquals(2 * d, graph.distance(0, 1), 1e-6, "path length of the walked neighbour");
        assertEquals(3 * d, graph.distance(0, 2), 1e-6);
        assertEquals(6, g.report().filled(), "every item on a path has fewer than 3 edges");
        for (int i = 0; i < 6; i++) {
            assertEquals(3, graph.neighbors(i).length);
        }
    }

    @Test
    void isolatedItemsAndSmallComponentsAreLeftOutAndReported() {
        // 0..4 a clique, 5-6 a pair, 7 alone
        CooccurrenceMatrix m = edges(8, new int[][] {{0, 1, 1}, {0, 2, 1}, {0, 3, 1}, {0, 4, 1}, {1, 2, 1}, {1, 3, 1},
                {1, 4, 1}, {2, 3, 1}, {2, 4, 1}, {3, 4, 1}, {5, 6, 1}});
        RelationGraph g = knn(m, 3, Transform.LOG);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, g.items());
        assertEquals(1, g.report().isolated());
        assertEquals(2, g.report().smallComponent());
        assertEquals(1, g.report().components());
        assertEquals(5, g.graph().size());
    }

    @Test
    void severalComponentsStayApartInTheGraph() {
        int[][] e = new int[12][];
        for (int c = 0; c < 2; c++) {
            int b = c * 4;
            e[c * 6] = new int[] {b, b + 1, 1};
            e[c * 6 + 1] = new int[] {b, b + 2, 1};
            e[c * 6 + 2] = new int[] {b, b + 3, 1};
            e[c * 6 + 3] = new int[] {b + 1, b + 2, 1};
            e[c * 6 + 4] = new int[] {b + 1, b + 3, 1};
            e[c * 6 + 5] = new int[] {b + 2, b + 3, 1};
        }
        RelationGraph g = knn(edges(8, e), 3, Transform.LOG);
        assertEquals(2, g.report().components());
        for (int i = 0; i < 8; i++) {
            for (int nb : g.graph().neighbors(i)) {
                assertEquals(i / 4, nb / 4, "neighbours never cross components");
            }
        }
    }

    @Test
    void pmiPrefersSpecificPairsAndPpmiDropsChancePairs() {
        // item 0 is popular: with 1..3 (weight 5 each) and 5..7 (10 each); 1-2 together (weight 2); 3-4 (weight 2)
        CooccurrenceMatrix m = edges(8, new int[][] {{0, 1, 5}, {0, 2, 5}, {0, 3, 5}, {1, 2, 2}, {3, 4, 2},
                {0, 5, 10}, {0, 6, 10}, {0, 7, 10}});
        assertEquals(0, knn(m, 1, Transform.LOG).graph().neighbor(1, 0), "raw counts: the popular item");
        RelationGraph pmi = knn(m, 1, Transform.PMI);
        assertEquals(2, pmi.graph().neighbor(1, 0), "PMI: the specific partner");
        // PPMI keeps only pairs above chance; a clique of 4 with one heavy pair
        Transform t = Transform.PPMI;
        double total = 40;
        assertEquals(Double.POSITIVE_INFINITY, t.dissimilarity(1, 20, 20, 0, 0, total), "below chance: no edge");
        assertEquals(0.5, t.dissimilarity(20, 20, 20, 0, 0, total), 1e-12, "twice chance");
        assertEquals(1 - 2 / 8.0, Transform.JACCARD.dissimilarity(2, 0, 0, 5, 5, 0), 1e-12);
    }

    @Test
    void badParametersAreNamed() {
        CooccurrenceMatrix m = edges(3, new int[][] {{0, 1, 1}, {1, 2, 1}});
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> knn(m, 3, Transform.LOG));
        assertTrue(e.getMessage().contains("k") && e.getMessage().contains("3"), e.getMessage());
        CooccurrenceMatrix none = edges(4, new int[][] {{0, 1, 1}});
        InvalidInputException all = assertThrows(InvalidInputException.class, () -> knn(none, 2, Transform.LOG));
        assertTrue(all.getMessage().contains("lower --k"), all.getMessage());
        assertThrows(InvalidInputException.class, () -> Transform.parse("cosine"));
    }
}
