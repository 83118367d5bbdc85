/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.node2vec;

import starmap.core.sparse.CsrMatrix;

/**
 * word2vec's skip-gram with negative sampling (Mikolov et al. 2013) over walks: every node within a
 * window of a walk's position — the window shrunk at random to 1 … {@code window}, as word2vec does,
 * so nearer nodes count more — is a context of the node there; each (centre, context) pair pulls the
 * context's input vector and the centre's output vector together and pushes the input vector from
 * {@code negatives} output vectors drawn from the noise distribution, all with step {@code alpha}.
 *
 * <p>The noise distribution is word2vec's unigram distribution to the power 0.75. Long walks visit a
 * node in proportion to its degree (weighted degree for weighted walks) — exactly so for p = q = 1, whose
 * stationary distribution that is, roughly otherwise — so the noise is degree^0.75, known before any walk. The sigmoid is read
 * from a table over [−6, 6] and saturates outside, as word2vec's.
 *
 * <p>Threads update the shared vectors without locks ("Hogwild", Recht et al. 2011; word2vec does the
 * same), so results depend on the thread count and are reproducible only on one thread.
 */
final class SkipGram {
    private static final float MAX_LOGIT = 6f;
    private static final int TABLE = 1024;
    private static final float[] SIGMOID = new float[TABLE + 1];

    static {
        for (int i = 0; i <= TABLE; i++) {
            double x = (2.0 * i / TABLE - 1) * MAX_LOGIT;
            SIGMOID[i] = (float) (1 / (1 + Math.exp(-x)));
        }
    }

    private final int dim;
    private final int window;
    private final int negatives;
    private final int n;
    /** Input vectors (word2vec's syn0), the embedding. */
    private final float[] in;
    /** Output vectors (syn1neg). */
    private final float[] out;
    /** Noise over all nodes; null where no node has an edge (no pair is then ever trained). */
    private final AliasTable noise;

    private SkipGram(int dim, int window, int negatives, float[] in, AliasTable noise) {
        this.dim = dim;
        this.window = window;
        this.negatives = negatives;
        this.n = in.length / dim;
        this.in = in;
        this.out = new float[in.length];
        this.noise = noise;
    }

    /**
     * A model for the nodes of {@code adjacency}: input vectors uniform in ±0.5 / dimension, output
     * vectors 0 (word2vec's start), noise from the (weighted, if {@code weighted}) degrees.
     */
    static SkipGram of(CsrMatrix adjacency, Node2VecParams p) {
        int n = adjacency.rows();
        int dim = p.dimension();
        float[] in = new float[n * dim];
        Rng r = Rng.of(p.seed(), -1, -1);
        for (int c = 0; c < in.length; c++) {
            in[c] = (r.nextFloat() - 0.5f) / dim;
        }
        double[] w = new double[n];
        double sum = 0;
        for (int v = 0; v < n; v++) {
            double d = 0;
            for (int e = adjacency.rowStart(v); e < adjacency.rowEnd(v); e++) {
                d += p.weighted() ? adjacency.valueAt(e) : 1;
            }
            w[v] = Math.pow(d, 0.75);
            sum += w[v];
        }
        AliasTable noise = null;
        if (sum > 0) {
            noise = new AliasTable(n);
            noise.fill(0, w, n, new int[n]);
        }
        return new SkipGram(dim, p.window(), p.negativeSamples(), in, noise);
    }

    /** The input vectors, row-major: the embedding. Racy while training runs. */
    float[] vectors() {
        return in;
    }

    /** Scratch for one thread's training. */
    Worker worker() {
        return new Worker();
    }

    /** One thread's training, with its own scratch; not thread-safe. */
    final class Worker {
        /** Offsets of the output vectors a centre trains against: its own, then its noise nodes'. */
        private final int[] target = new int[negatives + 1];
        /** The step of each target in the current update. */
        private final float[] g = new float[negatives + 1];
        /** How many of {@link #target} are in use: noise draws of the centre itself are dropped, as in word2vec. */
        private int targets;

        private Worker() {
        }

        /**
         * Trains every (centre, context) pair of {@code walk[0..len)} and returns how many there were. The
         * noise nodes are drawn once per centre and shared by its contexts, as HogBatch (Ji et al. 2016)
         * does: each pair still gets an unbiased draw, and the centre's and noise nodes' output vectors stay
         * in cache across the window.
         */
        long train(int[] walk, int len, float alpha, Rng r) {
            if (len < 2) {
                return 0;
            }
            long pairs = 0;
            for (int i = 0; i < len; i++) {
                int centre = walk[i];
                target[0] = centre * dim;
                targets = 1;
                for (int s = 0; s < negatives; s++) {
                    int other = noise.sample(0, n, r.nextLong());
                    if (other != centre) {
                        target[targets++] = other * dim;
                    }
                }
                int span = window - r.nextInt(window);
                int hi = Math.min(len - 1, i + span);
                for (int j = Math.max(0, i - span); j <= hi; j++) {
                    if (j != i) {
                        pair(walk[j] * dim, alpha);
                        pairs++;
                    }
                }
            }
            return pairs;
        }

        /**
         * One update of the input vector at {@code c} against the targets. The logits are all taken before
         * any vector moves, as word2vec's sequential loop effectively does (it changes the input vector
         * only at the end, and each output vector once), so they can run side by side; the updates then go
         * four coordinates at a time, the input vector's four held in registers across all targets.
         */
        private void pair(int c, float alpha) {
            for (int s = 0; s < targets; s++) {
                g[s] = ((s == 0 ? 1f : 0f) - sigmoid(dot(c, target[s]))) * alpha;
            }
            int x = 0;
            for (; x + 4 <= dim; x += 4) {
                int cx = c + x;
                float v0 = in[cx];
                float v1 = in[cx + 1];
                float v2 = in[cx + 2];
                float v3 = in[cx + 3];
                float a0 = 0f;
                float a1 = 0f;
                float a2 = 0f;
                float a3 = 0f;
                for (int s = 0; s < targets; s++) {
                    int o = target[s] + x;
                    float gs = g[s];
                    float o0 = out[o];
                    float o1 = out[o + 1];
                    float o2 = out[o + 2];
                    float o3 = out[o + 3];
                    a0 += gs * o0;
                    a1 += gs * o1;
                    a2 += gs * o2;
                    a3 += gs * o3;
                    out[o] = o0 + gs * v0;
                    out[o + 1] = o1 + gs * v1;
                    out[o + 2] = o2 + gs * v2;
                    out[o + 3] = o3 + gs * v3;
                }
                in[cx] = v0 + a0;
                in[cx + 1] = v1 + a1;
                in[cx + 2] = v2 + a2;
                in[cx + 3] = v3 + a3;
            }
            for (; x < dim; x++) {
                float v = in[c + x];
                float a = 0f;
                for (int s = 0; s < targets; s++) {
                    int o = target[s] + x;
                    a += g[s] * out[o];
                    out[o] += g[s] * v;
                }
                in[c + x] = v + a;
            }
        }

        private float dot(int c, int o) {
            float f0 = 0f;
            float f1 = 0f;
            int x = 0;
            for (; x + 2 <= dim; x += 2) {
                f0 += in[c + x] * out[o + x];
                f1 += in[c + x + 1] * out[o + x + 1];
            }
            if (x < dim) {
                f0 += in[c + x] * out[o + x];
            }
            return f0 + f1;
        }
    }

    private static float sigmoid(float f) {
        if (f >= MAX_LOGIT) {
            return 1f;
        }
        if (f <= -MAX_LOGIT) {
            return 0f;
        }
        return SIGMOID[(int) ((f + MAX_LOGIT) * (TABLE / (2 * MAX_LOGIT)) + 0.5f)];
    }
}
