/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.knn;

import java.util.SplittableRandom;
import starmap.core.parallel.Parallel;
import starmap.core.simd.Kernels;
import starmap.core.vectors.DenseVectors;
import starmap.core.vectors.VectorSource;

/**
 * Lloyd's k-means for partitioning (not for clustering quality): centroids start at a seeded random
 * sample and are refitted on that sample; assignment to the nearest centroid runs on the SIMD tile
 * kernel. For the cosine metric points are normalised first. Deterministic for a seed.
 */
final class KMeans {
    private static final int QUERY_BLOCK = 64;

    private KMeans() {
    }

    /** {@code lists} centroids (row-major) fitted on a sample of {@code sample} points. */
    static float[] fit(VectorSource data, int lists, int sample, int iterations, long seed, Metric metric, Parallel par) {
        int n = data.size();
        int d = data.dimension();
        int s = Math.min(n, Math.max(sample, lists));
        int[] rows = new SplittableRandom(seed).ints(0, n).distinct().limit(s).sorted().toArray();
        float[] points = new float[s * d];
        for (int i = 0; i < s; i++) {
            data.read(rows[i], points, i * d);
        }
        DenseVectors pts = DenseVectors.wrap(normalized(points, s, d, metric), s, d);
        float[] centroids = new float[lists * d];
        int[] order = new SplittableRandom(seed + 1).ints(0, s).distinct().limit(lists).toArray();
        for (int c = 0; c < lists; c++) {
            System.arraycopy(points, order[c] * d, centroids, c * d, d);
        }
        SplittableRandom reseed = new SplittableRandom(seed + 2);
        for (int it = 0; it < iterations; it++) {
            int[] a = assign(pts, centroids, lists, metric, par);
            double[] sum = new double[lists * d];
            int[] count = new int[lists];
            for (int i = 0; i < s; i++) {
                count[a[i]]++;
                for (int j = 0; j < d; j++) {
                    sum[a[i] * d + j] += points[i * d + j];
                }
            }
            for (int c = 0; c < lists; c++) {
                if (count[c] == 0) {
                    System.arraycopy(points, reseed.nextInt(s) * d, centroids, c * d, d);
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    centroids[c * d + j] = (float) (sum[c * d + j] / count[c]);
                }
            }
        }
        return normalized(centroids, lists, d, metric);
    }

    /** The nearest centroid of every point. */
    static int[] assign(VectorSource data, float[] centroids, int lists, Metric metric, Parallel par) {
        int n = data.size();
        int d = data.dimension();
        Kernels kernels = Kernels.get();
        PackedRows base = PackedRows.of(DenseVectors.wrap(centroids, lists, d), Metric.EUCLIDEAN, kernels, par);
        int[] out = new int[n];
        int blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
        int w = PackedRows.BLOCK;
        par.forRange(blocks, 4, (bs, be) -> {
            float[] q = new float[QUERY_BLOCK * d];
            float[] dots = new float[QUERY_BLOCK * w];
            float[] best = new float[QUERY_BLOCK];
            for (int b = bs; b < be; b++) {
                int q0 = b * QUERY_BLOCK;
                int qn = Math.min(QUERY_BLOCK, n - q0);
                for (int i = 0; i < qn; i++) {
                    data.read(q0 + i, q, i * d);
                    if (metric == Metric.COSINE) {
                        normalize(q, i * d, d);
                    }
                }
                java.util.Arrays.fill(best, Float.POSITIVE_INFINITY);
                for (int cb = 0; cb < base.blocks.length; cb++) {
                    int cn = Math.min(w, lists - cb * w);
                    kernels.dotsTransposed(q, qn, base.blocks[cb], w, d, dots);
                    for (int i = 0; i < qn; i++) {
                        kernels.affine(dots, i * w, cn, 0f, base.blockNorms[cb], -2f);
                        for (int j = 0; j < cn; j++) {
                            if (dots[i * w + j] < best[i]) {
                                best[i] = dots[i * w + j];
                                out[q0 + i] = cb * w + j;
                            }
                        }
                    }
                }
            }
        });
        return out;
    }

    private static float[] normalized(float[] rows, int n, int d, Metric metric) {
        if (metric == Metric.COSINE) {
            for (int i = 0; i < n; i++) {
                normalize(rows, i * d, d);
            }
        }
        return rows;
    }

    private static void normalize(float[] v, int off, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += v[off + j] * v[off + j];
        }
        if (s > 0) {
            float inv = (float) (1 / Math.sqrt(s));
            for (int j = 0; j < d; j++) {
                v[off + j] *= inv;
            }
        }
    }
}
