/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.node2vec;

import java.util.LinkedHashMap;
import java.util.Map;
import starmap.core.InvalidParameterException;

/**
 * node2vec's parameters. The paper's defaults (d = 128, r = 10, l = 80, k = 10) make features for
 * classifiers; these make vectors for maps, measured on planted-partition graphs of 100,000 nodes with
 * 15 neighbours each, 10% of them in other communities (10-NN label accuracy, one thread of a 2.6 GHz
 * Xeon):
 * <ul>
 *   <li>Dimension limits a map more than the walk budget does. In 4-D, 100 communities reach 0.62-0.69
 *       whatever the walks (r·l from 80 to 800, k 5 or 10, learning rate 0.025-0.1); in 8-D they reach
 *       0.995, each update costing about 1.4 times as much. Hence 8, to be projected to 2-D or 3-D by t-SNE or UMAP; 2-D itself scores
 *       0.59-0.64 even on 10 communities.</li>
 *   <li>More training is not better in 8-D: with 1,000 communities, r = 10, l = 20, k = 5 scores 0.94-0.955
 *       (three seeds) in 15 s; l = 40 scores 0.79-0.81 in 31 s; the paper's walks score 0.88 in 97 s.
 *       10 and 100 communities score 1.000 and 0.995 with r = 10, l = 20.</li>
 *   <li>Too little training leaves the random start: at 4-D with the learning rate 0.025, r = 4,
 *       l = 20 scores chance (0.10) on 10 communities. r = 10, l = 20 scores 0.94-1.00 over five seeds
 *       (a few communities merge in some), l = 40 0.998 (8-D: 1.000 with l = 20). A budget below
 *       r·l = 200 walk nodes per node wants a larger learning rate; 4-D maps gain from l = 40.</li>
 * </ul>
 *
 * @param dimension       of the embedding, 1 to 64 (8)
 * @param walkLength      nodes per walk, the start included, at least 2 (l; 20)
 * @param walksPerNode    walks started from every node per epoch (r; 10)
 * @param window          context size: nodes up to this many steps away along a walk are contexts, the
 *                        window shrunk at random per position as word2vec does (k; 5)
 * @param p               return parameter: returning to the previous node is weighted 1/p (1)
 * @param q               in-out parameter: moving away from the previous node's neighbours is weighted
 *                        1/q; q &gt; 1 keeps walks local (BFS-like), q &lt; 1 sends them out (DFS-like) (1)
 * @param negativeSamples noise nodes per (centre, context) pair (5)
 * @param epochs          passes over all walks (1)
 * @param learningRate    initial SGD step, falling linearly to 10⁻⁴ of itself (0.025, word2vec's)
 * @param weighted        whether the first-order step follows the edge weights, rather than being uniform
 *                        over the neighbours (true)
 * @param seed            of every random choice (1)
 */
public record Node2VecParams(int dimension, int walkLength, int walksPerNode, int window, double p, double q,
        int negativeSamples, int epochs, double learningRate, boolean weighted, long seed) {

    /** The defaults listed above. */
    public static final Node2VecParams DEFAULTS = new Node2VecParams(8, 20, 10, 5, 1, 1, 5, 1, 0.025, true, 1);

    public Node2VecParams {
        InvalidParameterException.require(dimension >= 1 && dimension <= 64, "dimension", "in [1, 64]", dimension);
        InvalidParameterException.require(walkLength >= 2, "walk-length", ">= 2", walkLength);
        InvalidParameterException.require(walksPerNode >= 1, "walks-per-node", ">= 1", walksPerNode);
        InvalidParameterException.require(window >= 1, "window", ">= 1", window);
        InvalidParameterException.require(p > 0 && Double.isFinite(p), "p", "> 0 and finite", p);
        InvalidParameterException.require(q > 0 && Double.isFinite(q), "q", "> 0 and finite", q);
        InvalidParameterException.require(negativeSamples >= 1, "negative-samples", ">= 1", negativeSamples);
        InvalidParameterException.require(epochs >= 1, "epochs", ">= 1", epochs);
        InvalidParameterException.require((long) epochs * walksPerNode <= Integer.MAX_VALUE, "epochs × walks-per-node",
                "<= " + Integer.MAX_VALUE, (long) epochs * walksPerNode);
        InvalidParameterException.require(learningRate > 0 && Double.isFinite(learningRate), "learning-rate",
                "> 0 and finite", learningRate);
    }

    /** True for p = q = 1: DeepWalk's unbiased walk, which needs no rejection step. */
    public boolean isDeepWalk() {
        return p == 1 && q == 1;
    }

    public Node2VecParams withDimension(int d) {
        return new Node2VecParams(d, walkLength, walksPerNode, window, p, q, negativeSamples, epochs, learningRate,
                weighted, seed);
    }

    public Node2VecParams withWalkLength(int l) {
        return new Node2VecParams(dimension, l, walksPerNode, window, p, q, negativeSamples, epochs, learningRate,
                weighted, seed);
    }

    public Node2VecParams withWalksPerNode(int r) {
        return new Node2VecParams(dimension, walkLength, r, window, p, q, negativeSamples, epochs, learningRate,
                weighted, seed);
    }

    public Node2VecParams withWindow(int k) {
        return new Node2VecParams(dimension, walkLength, walksPerNode, k, p, q, negativeSamples, epochs, learningRate,
                weighted, seed);
    }

    public Node2VecParams withP(double returnP) {
        return new Node2VecParams(dimension, walkLength, walksPerNode, window, returnP, q, negativeSamples, epochs,
                learningRate, weighted, seed);
    }

    public Node2VecParams withQ(double inOutQ) {
        return new Node2VecParams(dimension, walkLength, walksPerNode, window, p, inOutQ, negativeSamples, epochs,
                learningRate, weighted, seed);
    }

    public Node2VecParams withNegativeSamples(int s) {
        return new Node2VecParams(dimension, walkLength, walksPerNode, window, p, q, s, epochs, learningRate,
                weighted, seed);
    }

    public Node2VecParams withEpochs(int e) {
        return new Node2VecParams(dimension, walkLength, walksPerNode, window, p, q, negativeSamples, e, learningRate,
                weighted, seed);
    }

    public Node2VecParams withLearningRate(double a) {
        return new Node2VecParams(dimension, walkLength, walksPerNode, window, p, q, negativeSamples, epochs, a,
                weighted, seed);
    }

    public Node2VecParams withWeighted(boolean w) {
        return new Node2VecParams(dimension, walkLength, walksPerNode, window, p, q, negativeSamples, epochs,
                learningRate, w, seed);
    }

    public Node2VecParams withSeed(long s) {
        return new Node2VecParams(dimension, walkLength, walksPerNode, window, p, q, negativeSamples, epochs,
                learningRate, weighted, s);
    }

    /** Every parameter by name, in declaration order, as stored in a layout's manifest; {@link #fromMap} inverts it. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dimension", dimension);
        m.put("walk_length", walkLength);
        m.put("walks_per_node", walksPerNode);
        m.put("window", window);
        m.put("p", p);
        m.put("q", q);
        m.put("negative_samples", negativeSamples);
        m.put("epochs", epochs);
        m.put("learning_rate", learningRate);
        m.put("weighted", weighted);
        m.put("seed", seed);
        return m;
    }

    /** Parameters from a map written by {@link #toMap}; missing keys take the defaults. */
    public static Node2VecParams fromMap(Map<String, ?> m) {
        Node2VecParams r = DEFAULTS;
        for (Map.Entry<String, ?> e : m.entrySet()) {
            String s = String.valueOf(e.getValue());
            switch (e.getKey()) {
                case "dimension" -> r = r.withDimension(Integer.parseInt(s));
                case "walk_length" -> r = r.withWalkLength(Integer.parseInt(s));
                case "walks_per_node" -> r = r.withWalksPerNode(Integer.parseInt(s));
                case "window" -> r = r.withWindow(Integer.parseInt(s));
                case "p" -> r = r.withP(Double.parseDouble(s));
                case "q" -> r = r.withQ(Double.parseDouble(s));
                case "negative_samples" -> r = r.withNegativeSamples(Integer.parseInt(s));
                case "epochs" -> r = r.withEpochs(Integer.parseInt(s));
                case "learning_rate" -> r = r.withLearningRate(Double.parseDouble(s));
                case "weighted" -> r = r.withWeighted(parseBoolean(s));
                case "seed" -> r = r.withSeed(Long.parseLong(s));
                default -> throw InvalidParameterException.of("node2vec parameter", "one of " + DEFAULTS.toMap().keySet(),
                        e.getKey());
            }
        }
        return r;
    }

    private static boolean parseBoolean(String s) {
        InvalidParameterException.require(s.equals("true") || s.equals("false"), "weighted", "true or false", s);
        return s.equals("true");
    }
}
