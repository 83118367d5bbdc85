/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.node2vec;

import starmap.core.layout.LayoutContext;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;

/**
 * The training schedule: {@code epochs} × {@code walksPerNode} rounds, each starting one walk from every
 * node in a freshly shuffled order (as the node2vec reference does), the walks split into chunks of
 * {@value #CHUNK} that the threads take in turn; every walk is trained as soon as it is drawn, so no walk
 * is stored. The learning rate falls linearly with the walk's place in the plan, from its initial value
 * to 10⁻⁴ of it (word2vec's floor).
 *
 * <p>Every chunk has its own generator, seeded by (seed, round, chunk), and the learning rate depends
 * only on the plan, so one thread reproduces a run exactly; more threads race on the vectors (see
 * {@link SkipGram}). Progress counts walks; cancellation is checked before every chunk.
 */
final class Training {
    static final int CHUNK = 256;
    private static final double MIN_RATE = 1e-4;

    private Training() {
    }

    /** Runs the whole schedule and returns the pairs trained. */
    static long run(WalkSampler walks, SkipGram model, Node2VecParams p, LayoutContext ctx) {
        int n = walks.size();
        int rounds = p.epochs() * p.walksPerNode();
        double planned = (double) n * rounds;
        int chunks = (n + CHUNK - 1) / CHUNK;
        int[] order = new int[n];
        for (int v = 0; v < n; v++) {
            order[v] = v;
        }
        Parallel par = ctx.parallel();
        Progress progress = ctx.progress();
        long pairs = 0;
        progress.begin("node2vec (" + rounds + " walks per node)", (long) n * rounds);
        try {
            for (int round = 0; round < rounds; round++) {
                shuffle(order, Rng.of(p.seed(), round, -1));
                long done = (long) round * n;
                int rd = round;
                pairs += (long) par.sum(chunks, 1, (lo, hi) -> {
                    int[] walk = new int[p.walkLength()];
                    SkipGram.Worker worker = model.worker();
                    long trained = 0;
                    for (int ch = lo; ch < hi; ch++) {
                        progress.checkCancelled();
                        Rng r = Rng.of(p.seed(), rd, ch);
                        int to = Math.min(n, (ch + 1) * CHUNK);
                        for (int i = ch * CHUNK; i < to; i++) {
                            float alpha = (float) (p.learningRate() * Math.max(MIN_RATE, 1 - (done + i) / planned));
                            trained += worker.train(walk, walks.walk(order[i], walk, r), alpha, r);
                        }
                        progress.advance(to - ch * CHUNK);
                    }
                    return trained;
                });
            }
        } finally {
            progress.end();
        }
        return pairs;
    }

    /** Fisher–Yates. */
    private static void shuffle(int[] a, Rng r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
