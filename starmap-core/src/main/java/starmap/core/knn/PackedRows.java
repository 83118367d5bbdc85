/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.knn;

import starmap.core.parallel.Parallel;
import starmap.core.simd.Kernels;
import starmap.core.vectors.VectorSource;

/**
 * Vectors prepared for exact search: row-major copies (normalised for the cosine metric), their
 * squared norms, and the same rows cut into blocks of {@link #BLOCK} stored transposed, which is the
 * layout the SIMD dot-product kernel streams through.
 */
final class PackedRows {
    /** Base rows per transposed block; a multiple of every SIMD width. */
    static final int BLOCK = 512;

    final int n;
    final int d;
    final float[] rows;
    final float[] norms;
    final float[][] blocks;
    final float[][] blockNorms;

    private PackedRows(int n, int d, float[] rows, float[] norms, float[][] blocks, float[][] blockNorms) {
        this.n = n;
        this.d = d;
        this.rows = rows;
        this.norms = norms;
        this.blocks = blocks;
        this.blockNorms = blockNorms;
    }

    static PackedRows of(VectorSource data, Metric metric, Kernels kernels, Parallel par) {
        int n = data.size();
        int d = data.dimension();
        if ((long) n * d > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException(n + " × " + d + " vectors are too many for exact search; use hnsw");
        }
        float[] rows = new float[n * d];
        float[] norms = new float[n];
        par.forRange(n, 4096, (s, e) -> {
            for (int i = s; i < e; i++) {
                data.read(i, rows, i * d);
                float sq = kernels.dot(rows, i * d, rows, i * d, d);
                if (metric == Metric.COSINE && sq > 0) {
                    float inv = (float) (1 / Math.sqrt(sq));
                    for (int j = 0; j < d; j++) {
                        rows[i * d + j] *= inv;
                    }
                    sq = 1;
                }
                norms[i] = metric == Metric.INNER_PRODUCT ? 0 : sq;
            }
        });
        int count = (n + BLOCK - 1) / BLOCK;
        float[][] blocks = new float[count][];
        float[][] blockNorms = new float[count][];
        par.forRange(count, 1, (s, e) -> {
            for (int b = s; b < e; b++) {
                float[] t = new float[d * BLOCK];
                int first = b * BLOCK;
                int rowsIn = Math.min(BLOCK, n - first);
                for (int j = 0; j < rowsIn; j++) {
                    for (int c = 0; c < d; c++) {
                        t[c * BLOCK + j] = rows[(first + j) * d + c];
                    }
                }
                blocks[b] = t;
                blockNorms[b] = java.util.Arrays.copyOfRange(norms, first, first + BLOCK);
            }
        });
        return new PackedRows(n, d, rows, norms, blocks, blockNorms);
    }

    /** The exact distance between rows a and b, computed directly (no cancellation). */
    float distance(Metric metric, int a, int b) {
        int ao = a * d;
        int bo = b * d;
        if (metric == Metric.INNER_PRODUCT) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += (double) rows[ao + j] * rows[bo + j];
            }
            return (float) -s;
        }
        double s = 0;
        for (int j = 0; j < d; j++) {
            double t = rows[ao + j] - rows[bo + j];
            s += t * t;
        }
        if (metric == Metric.COSINE) {
            boolean zero = norms[a] == 0 || norms[b] == 0;
            return zero ? 1f : (float) (s / 2);
        }
        return (float) Math.sqrt(s);
    }
}
