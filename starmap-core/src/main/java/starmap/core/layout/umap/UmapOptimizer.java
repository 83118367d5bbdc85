/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.umap;

import java.util.SplittableRandom;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.sparse.CsrMatrix;

/**
 * UMAP's stochastic gradient descent, as umap-learn's {@code optimize_layout_euclidean}: each directed
 * edge (i, j) of the fuzzy set is sampled once every w_max / w_ij epochs (edges below w_max / epochs
 * never); a sample pulls i and j together along −2ab·d^(2(b−1)) / (1 + a·d^(2b)) and pushes i from
 * {@code negativeSampleRate} random points along 2γb / ((0.001 + d²)(1 + a·d^(2b))), every gradient
 * component clipped to [−4, 4], the learning rate falling linearly to 0.
 *
 * <p>The edges are split among threads that write to the shared coordinates without locks, as
 * umap-learn's parallel mode does; the result is then not reproducible bit for bit. With one thread it
 * is: the negative samples come from a generator seeded by (seed, epoch, chunk).
 */
final class UmapOptimizer {
    private static final float CLIP = 4f;

    private UmapOptimizer() {
    }

    static void run(CsrMatrix graph, float[] y, int dim, double a, double b, UmapParams p, int epochs, Parallel par,
            Progress progress) {
        int n = graph.rows();
        int nnz = graph.nonZeros();
        float[] w = graph.values();
        float wMax = 0;
        for (float v : w) {
            wMax = Math.max(wMax, v);
        }
        // the edges that get sampled at all, as (head, tail, epochs per sample)
        int kept = 0;
        for (float v : w) {
            kept += v >= wMax / epochs ? 1 : 0;
        }
        int[] head = new int[kept];
        int[] tail = new int[kept];
        float[] perSample = new float[kept];
        int e = 0;
        for (int i = 0; i < n; i++) {
            for (int q = graph.rowStart(i); q < graph.rowEnd(i); q++) {
                float v = graph.valueAt(q);
                if (v >= wMax / epochs) {
                    head[e] = i;
                    tail[e] = graph.indexAt(q);
                    perSample[e] = wMax / v;
                    e++;
                }
            }
        }
        float[] nextSample = perSample.clone();
        int rate = p.negativeSampleRate();
        float[] perNegative = new float[kept];
        float[] nextNegative = new float[kept];
        for (int c = 0; c < kept; c++) {
            perNegative[c] = rate > 0 ? perSample[c] / rate : Float.POSITIVE_INFINITY;
            nextNegative[c] = perNegative[c];
        }
        float fa = (float) a;
        float fb = (float) b;
        float gamma = (float) p.repulsionStrength();
        int chunks = Math.max(1, par.threads() * 8);
        progress.begin("umap (" + epochs + " epochs)", epochs);
        try {
            for (int epoch = 0; epoch < epochs; epoch++) {
                float alpha = (float) (p.learningRate() * (1 - (double) epoch / epochs));
                int ep = epoch;
                final int edges = kept;
                par.forRange(chunks, 1, (lo, hi) -> {
                    for (int ch = lo; ch < hi; ch++) {
                        int from = (int) ((long) edges * ch / chunks);
                        int to = (int) ((long) edges * (ch + 1) / chunks);
                        SplittableRandom rnd = new SplittableRandom(p.seed() * 0x9E3779B97F4A7C15L + ep * 1_000_003L + ch);
                        float[] cur = new float[dim];
                        for (int c = from; c < to; c++) {
                            if (nextSample[c] > ep) {
                                continue;
                            }
                            int j = head[c];
                            int k = tail[c];
                            attract(y, j, k, dim, fa, fb, alpha);
                            nextSample[c] += perSample[c];
                            int negatives = (int) ((ep - nextNegative[c]) / perNegative[c]);
                            for (int s = 0; s < negatives; s++) {
                                int other = rnd.nextInt(n);
                                if (other != j) {
                                    repel(y, j, other, dim, fa, fb, gamma, alpha);
                                }
                            }
                            nextNegative[c] += negatives * perNegative[c];
                        }
                    }
                });
                progress.advance(1);
            }
        } finally {
            progress.end();
        }
    }

    private static float dist2(float[] y, int oj, int ok, int dim) {
        float d2 = 0;
        for (int x = 0; x < dim; x++) {
            float diff = y[oj + x] - y[ok + x];
            d2 += diff * diff;
        }
        return d2;
    }

    private static void attract(float[] y, int j, int k, int dim, float a, float b, float alpha) {
        int oj = j * dim;
        int ok = k * dim;
        float d2 = dist2(y, oj, ok, dim);
        if (d2 <= 0) {
            return;
        }
        float pw = pow(d2, b - 1);
        float coeff = -2f * a * b * pw / (a * pw * d2 + 1f);
        for (int x = 0; x < dim; x++) {
            float g = clip(coeff * (y[oj + x] - y[ok + x])) * alpha;
            y[oj + x] += g;
            y[ok + x] -= g;
        }
    }

    private static void repel(float[] y, int j, int k, int dim, float a, float b, float gamma, float alpha) {
        int oj = j * dim;
        int ok = k * dim;
        float d2 = dist2(y, oj, ok, dim);
        if (d2 > 0) {
            float coeff = 2f * gamma * b / ((0.001f + d2) * (a * pow(d2, b) + 1f));
            for (int x = 0; x < dim; x++) {
                y[oj + x] += clip(coeff * (y[oj + x] - y[ok + x])) * alpha;
            }
        } else {
            // coincident points: umap-learn pushes by the clip value
            for (int x = 0; x < dim; x++) {
                y[oj + x] += CLIP * alpha;
            }
        }
    }

    /**
     * x^y for x > 0 as 2^(y·log2 x), both by short polynomials on the float's bits: relative error
     * below 2·10⁻⁴ over the range SGD meets, at a fraction of {@link Math#pow}'s cost — noise far below
     * the sampling's own.
     */
    static float pow(float x, float y) {
        return exp2(y * log2(x));
    }

    static float log2(float x) {
        int bits = Float.floatToRawIntBits(x);
        float e = ((bits >>> 23) & 0xFF) - 127;
        float m = Float.intBitsToFloat((bits & 0x007FFFFF) | 0x3F800000); // [1, 2)
        // minimax cubic for log2(m) on [1, 2)
        float t = m - 1f;
        return e + t * (1.4425449f + t * (-0.7181452f + t * (0.4575485f + t * (-0.2779042f + t * (0.1217970f
                + t * -0.0258411f)))));
    }

    static float exp2(float v) {
        if (v < -126f) {
            return 0f;
        }
        if (v > 127f) {
            return Float.POSITIVE_INFINITY;
        }
        float fi = (float) Math.floor(v);
        float f = v - fi;
        // minimax polynomial for 2^f on [0, 1)
        float p = 1f + f * (0.6931472f + f * (0.2402265f + f * (0.0555041f + f * (0.0096181f + f * 0.0013333f))));
        return Float.intBitsToFloat(((int) fi + 127) << 23) * p;
    }

    private static float clip(float v) {
        return v > CLIP ? CLIP : v < -CLIP ? -CLIP : v;
    }
}
