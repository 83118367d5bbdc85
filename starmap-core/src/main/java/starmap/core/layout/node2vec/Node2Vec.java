/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.node2vec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import starmap.core.InvalidParameterException;
import starmap.core.layout.Embedding;
import starmap.core.layout.LayoutContext;
import starmap.core.sparse.CsrMatrix;

/**
 * node2vec (Grover and Leskovec, "node2vec: Scalable Feature Learning for Networks", KDD 2016):
 * second-order biased random walks ({@link WalkSampler}) trained as they are drawn
 * ({@link Training}) by skip-gram with negative sampling ({@link SkipGram}). With p = q = 1 it is
 * DeepWalk (Perozzi, Al-Rfou and Skiena 2014).
 *
 * <p>Nodes close in the graph — within a few steps along many walks — end up with similar vectors.
 * An isolated node (no edge, or in a weighted run only zero-weight edges) walks nowhere, is never
 * trained, and keeps its random start, uniform in ±0.5 / dimension: near the origin, among the other
 * isolated nodes, away from the trained vectors, whose norms grow with training. Walks never cross
 * between components, only negative samples do: components come out apart, their relative placement
 * arbitrary.
 *
 * <p>Reproducible on one thread for a given seed; with more, the threads race on the shared vectors
 * (as word2vec does) and the result varies from run to run, its quality not.
 */
public final class Node2Vec {
    /** The vectors live in Java arrays: nodes × dimension stays below 2³¹. */
    private static final long MAX_COORDINATES = Integer.MAX_VALUE - 8;

    private Node2Vec() {
    }

    /**
     * What a run made.
     *
     * @param embedding                 one vector per node (word2vec's input vectors)
     * @param timings                   per stage: check, tables (walk and noise), train
     * @param updates                   (centre, context) pairs trained, each with its negative samples
     * @param updatesPerSecondPerThread training throughput: updates / train time / threads
     */
    public record Result(Embedding embedding, Map<String, Duration> timings, long updates,
            double updatesPerSecondPerThread) {
    }

    /**
     * Embeds the nodes of {@code adjacency}: square, symmetric, finite non-negative weights, no
     * diagonal (else an {@link starmap.core.InvalidInputException} naming the first bad row).
     */
    public static Result run(CsrMatrix adjacency, Node2VecParams p, LayoutContext ctx) {
        long coordinates = (long) adjacency.rows() * p.dimension();
        InvalidParameterException.require(coordinates <= MAX_COORDINATES, "dimension",
                "at most " + MAX_COORDINATES / Math.max(1, adjacency.rows()) + " for " + adjacency.rows() + " nodes",
                p.dimension());
        Map<String, Duration> timings = new LinkedHashMap<>();
        stage("check", timings, () -> {
            Adjacency.check(adjacency);
            return null;
        });
        WalkSampler walks = stage("tables", timings,
                () -> WalkSampler.of(adjacency, p.p(), p.q(), p.weighted(), ctx.parallel()));
        SkipGram model = stage("tables", timings, () -> SkipGram.of(adjacency, p));
        long updates = stage("train", timings, () -> Training.run(walks, model, p, ctx));
        double seconds = timings.get("train").toNanos() / 1e9;
        double rate = seconds > 0 ? updates / seconds / ctx.parallel().threads() : 0;
        return new Result(Embedding.of(p.dimension(), model.vectors()), timings, updates, rate);
    }

    /** Runs {@code work}, adding its wall time to {@code name}. */
    private static <T> T stage(String name, Map<String, Duration> timings, Supplier<T> work) {
        long t0 = System.nanoTime();
        T out = work.get();
        timings.merge(name, Duration.ofNanos(System.nanoTime() - t0), Duration::plus);
        return out;
    }
}
