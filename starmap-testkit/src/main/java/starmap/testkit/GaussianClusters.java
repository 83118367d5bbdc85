/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.testkit;

import java.util.SplittableRandom;

/**
 * {@code n} points in {@code d} dimensions drawn from {@code k} isotropic Gaussians whose centres lie
 * {@code separation} standard deviations apart on average; point i belongs to cluster {@code i % k}.
 *
 * @param vectors row-major n × d
 * @param labels  cluster of each point
 */
public record GaussianClusters(int n, int d, int k, float[] vectors, int[] labels) {

    public static GaussianClusters generate(int n, int d, int k, double separation, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] centres = new double[k][d];
        for (double[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = rnd.nextDouble(-1, 1) * separation;
            }
        }
        float[] v = new float[Math.multiplyExact(n, d)];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % k;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (centres[labels[i]][j] + gaussian(rnd));
            }
        }
        return new GaussianClusters(n, d, k, v, labels);
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double w = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }

    /** Vector {@code i} as a new array. */
    public float[] row(int i) {
        float[] r = new float[d];
        System.arraycopy(vectors, i * d, r, 0, d);
        return r;
    }
}
