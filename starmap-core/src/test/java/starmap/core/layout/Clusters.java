/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout;

import java.util.SplittableRandom;

/**
 * Seeded Gaussian clusters for core's own tests (the testkit depends on core, so core's tests cannot use
 * its generators).
 *
 * @param vectors row-major n × d
 * @param labels  cluster of each point (i % k)
 */
public record Clusters(int n, int d, float[] vectors, int[] labels) {
    public static Clusters of(int n, int d, int k, double separation, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] c = new double[k][d];
        for (double[] row : c) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextDouble(-1, 1) * separation;
            }
        }
        float[] v = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % k;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (c[labels[i]][j] + r.nextGaussian());
            }
        }
        return new Clusters(n, d, v, labels);
    }

    /** Random positions with standard deviation {@code sd}, as a mid-optimisation embedding. */
    public static double[] positions(int n, int dim, double sd, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[n * dim];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextGaussian() * sd;
        }
        return y;
    }
}
