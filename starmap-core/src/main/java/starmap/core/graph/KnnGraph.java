/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.graph;

import java.util.Arrays;
import starmap.core.InvalidInputException;
import starmap.core.InvalidParameterException;

/**
 * The k nearest neighbours of each of n points: {@code n × k} neighbour row indices and their
 * distances, row-major.
 *
 * <p>Invariants, checked when the graph is built:
 * <ul>
 *   <li>every neighbour index is in {@code [0, n)} and differs from its own row: a point is never its
 *       own neighbour (exact duplicates of a point are other rows and may appear at distance 0);</li>
 *   <li>no index repeats within a row;</li>
 *   <li>each row is sorted by ascending distance, and distances are finite and ≥ 0;</li>
 *   <li>{@code k ≤ n − 1}: producers asked for more neighbours than exist clamp k.</li>
 * </ul>
 * The arrays are owned by the graph; accessors copy or read single entries.
 */
public final class KnnGraph {
    private final int n;
    private final int k;
    private final int[] indices;
    private final float[] distances;

    private KnnGraph(int n, int k, int[] indices, float[] distances) {
        this.n = n;
        this.k = k;
        this.indices = indices;
        this.distances = distances;
    }

    /**
     * Builds a graph from row-major arrays of length {@code n · k}, checking every invariant. The
     * arrays are taken over, not copied.
     *
     * @throws InvalidInputException naming the first offending row (1-based) and what is wrong
     */
    public static KnnGraph of(int n, int k, int[] indices, float[] distances) {
        InvalidParameterException.require(n >= 0, "n", ">= 0", n);
        InvalidParameterException.require(k >= 0 && (k < n || k == 0), "k", "in [0, n - 1] (n = " + n + ")", k);
        long cells = (long) n * k;
        if (indices.length != cells || distances.length != cells) {
            throw InvalidInputException.in("knn graph").problem("indices has " + indices.length
                    + " entries and distances " + distances.length + ", expected n × k = " + cells);
        }
        for (int i = 0; i < n; i++) {
            checkRow(i, n, k, indices, distances);
        }
        return new KnnGraph(n, k, indices, distances);
    }

    private static void checkRow(int i, int n, int k, int[] indices, float[] distances) {
        int base = i * k;
        for (int j = 0; j < k; j++) {
            int nb = indices[base + j];
            float dist = distances[base + j];
            String problem = null;
            if (nb < 0 || nb >= n) {
                problem = "neighbour " + j + " is " + nb + ", outside [0, " + n + ")";
            } else if (nb == i) {
                problem = "lists itself as neighbour " + j;
            } else if (!(dist >= 0) || Float.isInfinite(dist)) {
                problem = "distance " + j + " is " + dist + ", expected finite and >= 0";
            } else if (j > 0 && dist < distances[base + j - 1]) {
                problem = "distances are not ascending at neighbour " + j;
            } else {
                for (int m = 0; m < j; m++) {
                    if (indices[base + m] == nb) {
                        problem = "neighbour " + nb + " appears twice";
                        break;
                    }
                }
            }
            if (problem != null) {
                throw InvalidInputException.in("knn graph").row(i + 1L).problem(problem);
            }
        }
    }

    /** Number of points, n. */
    public int size() {
        return n;
    }

    /** Neighbours per point, k. */
    public int k() {
        return k;
    }

    /** Row index of the {@code j}-th nearest neighbour of {@code row} (j = 0 is the nearest). */
    public int neighbor(int row, int j) {
        return indices[cell(row, j)];
    }

    /** Distance from {@code row} to its {@code j}-th nearest neighbour. */
    public float distance(int row, int j) {
        return distances[cell(row, j)];
    }

    /** A copy of the neighbours of {@code row}, nearest first. */
    public int[] neighbors(int row) {
        return Arrays.copyOfRange(indices, cell(row, 0), cell(row, 0) + k);
    }

    /** A copy of all neighbour indices, row-major n × k. */
    public int[] indices() {
        return indices.clone();
    }

    /** A copy of all distances, row-major n × k. */
    public float[] distances() {
        return distances.clone();
    }

    /** The graph with only each point's {@code kk} nearest neighbours (kk ≤ k). */
    public KnnGraph nearest(int kk) {
        InvalidParameterException.require(kk >= 0 && kk <= k, "k", "in [0, " + k + "]", kk);
        if (kk == k) {
            return this;
        }
        int[] idx = new int[n * kk];
        float[] dist = new float[n * kk];
        for (int i = 0; i < n; i++) {
            System.arraycopy(indices, i * k, idx, i * kk, kk);
            System.arraycopy(distances, i * k, dist, i * kk, kk);
        }
        return new KnnGraph(n, kk, idx, dist);
    }

    private int cell(int row, int j) {
        if (row < 0 || row >= n || j < 0 || j >= k) {
            throw new IndexOutOfBoundsException("(" + row + ", " + j + ") outside " + n + " × " + k);
        }
        return row * k + j;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KnnGraph g && g.n == n && g.k == k && Arrays.equals(g.indices, indices)
                && Arrays.equals(g.distances, distances);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(distances);
    }

    @Override
    public String toString() {
        return "KnnGraph[n=" + n + ", k=" + k + "]";
    }
}
