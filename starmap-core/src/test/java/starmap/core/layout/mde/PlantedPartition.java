/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.mde;

import java.util.SplittableRandom;
import starmap.core.sparse.CsrMatrix;

/**
 * A seeded planted-partition graph with kNN-like weights: point i belongs to community i % communities
 * and lists k distinct others, each from its own community except with probability {@code across}, when
 * it is any other point. The weights follow PyMDE: 1 where one of two points lists the other, 2 where both do.
 *
 * @param weights symmetric n × n
 * @param labels  community of each point
 */
record PlantedPartition(CsrMatrix weights, int[] labels) {
    static PlantedPartition of(int n, int communities, int k, double across, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % communities;
        }
        int[] r = new int[2 * n * k];
        int[] c = new int[2 * n * k];
        int e = 0;
        int[] picked = new int[k];
        for (int i = 0; i < n; i++) {
            int size = (n - labels[i] + communities - 1) / communities; // members of i's community
            int count = 0;
            while (count < k) {
                int j = rnd.nextDouble() < across ? rnd.nextInt(n) : labels[i] + communities * rnd.nextInt(size);
                if (j != i && !contains(picked, count, j)) {
                    picked[count++] = j;
                    r[e] = i;
                    c[e++] = j;
                    r[e] = j;
                    c[e++] = i;
                }
            }
        }
        float[] ones = new float[r.length];
        java.util.Arrays.fill(ones, 1f);
        return new PlantedPartition(CsrMatrix.fromCoordinates(n, n, r, c, ones), labels);
    }

    private static boolean contains(int[] a, int count, int v) {
        for (int q = 0; q < count; q++) {
            if (a[q] == v) {
                return true;
            }
        }
        return false;
    }

    /** The share of points whose label wins the vote of their 10 nearest others in {@code y} (row-major n × dim). */
    static double knnAccuracy(float[] y, int dim, int[] labels) {
        int n = labels.length;
        int k = 10;
        int correct = 0;
        double[] best = new double[k];
        int[] bestLabel = new int[k];
        int classes = java.util.Arrays.stream(labels).max().orElse(0) + 1;
        int[] votes = new int[classes];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double d2 = 0;
                for (int a = 0; a < dim; a++) {
                    double t = y[i * dim + a] - y[j * dim + a];
                    d2 += t * t;
                }
                if (d2 < best[k - 1]) {
                    int q = k - 1;
                    while (q > 0 && best[q - 1] > d2) {
                        best[q] = best[q - 1];
                        bestLabel[q] = bestLabel[q - 1];
                        q--;
                    }
                    best[q] = d2;
                    bestLabel[q] = labels[j];
                }
            }
            java.util.Arrays.fill(votes, 0);
            int winner = bestLabel[0];
            for (int q = 0; q < k; q++) {
                if (++votes[bestLabel[q]] > votes[winner]) {
                    winner = bestLabel[q];
                }
            }
            correct += winner == labels[i] ? 1 : 0;
        }
        return (double) correct / n;
    }
}
