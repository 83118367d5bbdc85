/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.node2vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import starmap.core.InvalidInputException;
import starmap.core.InvalidParameterException;
import starmap.core.knn.ExactSearch;
import starmap.core.knn.Metric;
import starmap.core.layout.Embedding;
import starmap.core.layout.LayoutContext;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Cancelled;
import starmap.core.progress.CancelledException;
import starmap.core.progress.Progress;
import starmap.core.sparse.CsrMatrix;
import starmap.core.vectors.DenseVectors;

class Node2VecTest {
    /** Node i is in community i % k; each node draws edges/2 partners, a share {@code across} outside. */
    static CsrMatrix plantedPartition(int n, int k, int edges, double across, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int m = n * (edges / 2);
        int[] rows = new int[2 * m];
        int[] cols = new int[2 * m];
        int e = 0;
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < edges / 2; s++) {
                int j;
                do {
                    int c = r.nextDouble() < across ? r.nextInt(k) : i % k;
                    j = r.nextInt(n / k) * k + c;
                } while (j == i);
                rows[e] = i;
                cols[e++] = j;
                rows[e] = j;
                cols[e++] = i;
            }
        }
        CsrMatrix multi = CsrMatrix.fromCoordinates(n, n, rows, cols, new float[2 * m]);
        float[] ones = new float[multi.nonZeros()];
        Arrays.fill(ones, 1f);
        return CsrMatrix.of(n, n, multi.indptr(), multi.indices(), ones);
    }

    /** A symmetric graph from {i, j, weight} triples, each given once. */
    static CsrMatrix graph(int n, double[]... edges) {
        int[] rows = new int[2 * edges.length];
        int[] cols = new int[rows.length];
        float[] w = new float[rows.length];
        for (int e = 0; e < edges.length; e++) {
            rows[2 * e] = cols[2 * e + 1] = (int) edges[e][0];
            cols[2 * e] = rows[2 * e + 1] = (int) edges[e][1];
            w[2 * e] = w[2 * e + 1] = (float) edges[e][2];
        }
        return CsrMatrix.fromCoordinates(n, n, rows, cols, w);
    }

    /** Exact 10-NN majority vote, each point left out of its own vote; ties go to the nearer label. */
    static double labelAccuracy(Embedding e, int[] labels) {
        int n = e.size();
        int[][] nn;
        try (Parallel par = Parallel.of(2)) {
            nn = ExactSearch.neighborsOf(DenseVectors.wrap(e.toArray(), n, e.dimension()),
                    IntStream.range(0, n).toArray(), 10, Metric.EUCLIDEAN, par);
        }
        int right = 0;
        for (int i = 0; i < n; i++) {
            Map<Integer, Integer> votes = new HashMap<>();
            int best = -1;
            int most = 0;
            for (int j : nn[i]) {
                int v = votes.merge(labels[j], 1, Integer::sum);
                if (v > most) {
                    most = v;
                    best = labels[j];
                }
            }
            right += best == labels[i] ? 1 : 0;
        }
        return right / (double) n;
    }

    private static Node2Vec.Result run(CsrMatrix a, Node2VecParams p, int threads) {
        try (Parallel par = Parallel.of(threads)) {
            return Node2Vec.run(a, p, LayoutContext.quiet(par));
        }
    }

    @Test
    @Tag("quality")
    void communities_separate_in_four_and_eight_dimensions() {
        int n = 3000;
        CsrMatrix a = plantedPartition(n, 10, 15, 0.1, 11);
        int[] labels = IntStream.range(0, n).map(i -> i % 10).toArray();
        for (int dim : new int[] {4, 8}) {
            Node2Vec.Result r = run(a, Node2VecParams.DEFAULTS.withDimension(dim), 2);
            assertThat(r.embedding().dimension()).isEqualTo(dim);
            assertThat(labelAccuracy(r.embedding(), labels)).as("10-NN label accuracy, %d-D", dim)
                    .isGreaterThanOrEqualTo(0.9);
            assertThat(r.updates()).isGreaterThan(0);
            assertThat(r.timings()).containsKeys("check", "tables", "train");
        }
        Node2Vec.Result biased = run(a, Node2VecParams.DEFAULTS.withP(4).withQ(0.5), 2);
        assertThat(labelAccuracy(biased.embedding(), labels)).as("p = 4, q = 0.5").isGreaterThanOrEqualTo(0.9);
    }

    /**
     * From t = 0 to v = 1, whose neighbours are 0 (t itself), 2 and 3 (also t's neighbours), 4 and 5 (not):
     * the next step's frequencies over 400,000 draws match w(v, x)·α / Σ within 0.005.
     */
    @Test
    void second_order_steps_follow_the_node2vec_probabilities() {
        CsrMatrix a = graph(6, new double[] {0, 1, 1}, new double[] {0, 2, 1}, new double[] {0, 3, 1},
                new double[] {1, 2, 2}, new double[] {1, 3, 1}, new double[] {1, 4, 3}, new double[] {1, 5, 0.5},
                new double[] {4, 5, 1});
        double[][] biases = {{0.5, 2}, {4, 0.25}, {1, 1}, {2, 1}, {1, 3}};
        for (boolean weighted : new boolean[] {true, false}) {
            for (double[] pq : biases) {
                double p = pq[0];
                double q = pq[1];
                WalkSampler s = WalkSampler.of(a, p, q, weighted, Parallel.sequential());
                double[] alpha = {1 / p, 0, 1, 1, 1 / q, 1 / q};
                double[] expected = new double[6];
                double sum = 0;
                for (int x : new int[] {0, 2, 3, 4, 5}) {
                    expected[x] = (weighted ? a.get(1, x) : 1) * alpha[x];
                    sum += expected[x];
                }
                int draws = 400_000;
                double[] seen = new double[6];
                Rng r = new Rng(17);
                for (int d = 0; d < draws; d++) {
                    seen[s.next(0, 1, r)]++;
                }
                for (int x = 0; x < 6; x++) {
                    assertThat(Math.abs(seen[x] / draws - expected[x] / sum))
                            .as("P(%d | 0 → 1), p = %s, q = %s, weighted %s", x, p, q, weighted).isLessThan(0.005);
                }
            }
        }
    }

    @Test
    void first_steps_follow_the_weights_when_weighted_and_are_uniform_otherwise() {
        CsrMatrix a = graph(5, new double[] {0, 1, 1}, new double[] {0, 2, 6}, new double[] {0, 3, 0},
                new double[] {0, 4, 3});
        for (boolean weighted : new boolean[] {true, false}) {
            WalkSampler s = WalkSampler.of(a, 1, 1, weighted, Parallel.sequential());
            int draws = 200_000;
            double[] seen = new double[5];
            Rng r = new Rng(3);
            for (int d = 0; d < draws; d++) {
                seen[s.step(0, r)]++;
            }
            double[] expected = weighted ? new double[] {0, 0.1, 0.6, 0, 0.3} : new double[] {0, 0.25, 0.25, 0.25, 0.25};
            for (int x = 0; x < 5; x++) {
                assertThat(Math.abs(seen[x] / draws - expected[x])).as("P(%d | 0), weighted %s", x, weighted)
                        .isLessThan(0.005);
            }
        }
        // a zero-weight edge is never walked, and a node with only those walks nowhere
        WalkSampler s = WalkSampler.of(a, 1, 1, true, Parallel.sequential());
        assertThat(s.step(3, new Rng(1))).isEqualTo(-1);
        int[] walk = new int[5];
        assertThat(s.walk(3, walk, new Rng(1))).isEqualTo(1);
        assertThat(s.walk(1, walk, new Rng(1))).isEqualTo(5);
    }

    @Test
    void the_same_seed_on_one_thread_repeats_and_another_seed_differs() {
        CsrMatrix a = plantedPartition(600, 4, 10, 0.1, 5);
        Node2VecParams p = Node2VecParams.DEFAULTS.withWalksPerNode(4).withP(0.5).withQ(2).withSeed(42);
        Embedding[] runs = new Embedding[2];
        for (int t = 0; t < 2; t++) {
            try (Parallel par = Parallel.sequential()) {
                runs[t] = Node2Vec.run(a, p, LayoutContext.quiet(par)).embedding();
            }
        }
        assertThat(runs[1]).isEqualTo(runs[0]);
        assertThat(run(a, p.withSeed(43), 1).embedding()).isNotEqualTo(runs[0]);
    }

    /** Two communities with no edge between them, and ten isolated nodes (60 … 69). */
    @Test
    void isolated_nodes_and_separate_components_get_finite_vectors() {
        int n = 70;
        double[][] edges = new double[2 * (30 + 20)][];
        int e = 0;
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 30; i++) {
                int base = 30 * c;
                edges[e++] = new double[] {base + i, base + (i + 1) % 30, 1};
                if (i < 20) {
                    edges[e++] = new double[] {base + i, base + (i + 7) % 30, 2};
                }
            }
        }
        CsrMatrix a = graph(n, Arrays.copyOf(edges, e));
        Node2VecParams p = Node2VecParams.DEFAULTS.withDimension(3).withWalksPerNode(20);
        Node2Vec.Result r = run(a, p, 2);
        float[] y = r.embedding().toArray();
        for (float v : y) {
            assertThat(Float.isFinite(v)).isTrue();
        }
        for (int i = 60; i < n; i++) {
            for (int x = 0; x < 3; x++) {
                assertThat(Math.abs(y[3 * i + x])).as("isolated node %d keeps its start", i).isLessThanOrEqualTo(0.5f / 3);
            }
        }
        int[] labels = IntStream.range(0, 60).map(i -> i / 30).toArray();
        Embedding connected = Embedding.of(3, Arrays.copyOf(y, 60 * 3));
        assertThat(labelAccuracy(connected, labels)).isGreaterThanOrEqualTo(0.95);

        Node2Vec.Result empty = run(graph(5), p, 1);
        assertThat(empty.updates()).isZero();
        assertThat(empty.embedding().size()).isEqualTo(5);
    }

    @Test
    void progress_counts_walks_and_cancellation_stops_the_run() {
        CsrMatrix a = plantedPartition(1000, 5, 10, 0.1, 3);
        AtomicLong total = new AtomicLong();
        AtomicLong done = new AtomicLong();
        Progress counting = new Progress() {
            @Override
            public void begin(String task, long units) {
                total.set(units);
            }

            @Override
            public void advance(long units) {
                done.addAndGet(units);
            }

            @Override
            public void end() {
            }
        };
        Node2VecParams p = Node2VecParams.DEFAULTS.withWalksPerNode(3).withEpochs(2);
        try (Parallel par = Parallel.of(2)) {
            Node2Vec.run(a, p, new LayoutContext(par, counting, LayoutContext.IterationListener.NONE));
            assertThat(total.get()).isEqualTo(1000 * 3 * 2);
            assertThat(done.get()).isEqualTo(total.get());
            assertThatThrownBy(() -> Node2Vec.run(a, p, new LayoutContext(par, Cancelled.PROGRESS,
                    LayoutContext.IterationListener.NONE))).isInstanceOf(CancelledException.class);
        }
    }

    @Test
    void bad_graphs_are_refused_naming_the_row() {
        Node2VecParams p = Node2VecParams.DEFAULTS;
        CsrMatrix asymmetric = CsrMatrix.fromCoordinates(3, 3, new int[] {0, 1, 1, 2}, new int[] {1, 0, 2, 1},
                new float[] {1, 1, 1, 2});
        assertThatThrownBy(() -> run(asymmetric, p, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("row 2").hasMessageContaining("symmetric");
        CsrMatrix oneWay = CsrMatrix.fromCoordinates(3, 3, new int[] {2}, new int[] {0}, new float[] {1});
        assertThatThrownBy(() -> run(oneWay, p, 1)).hasMessageContaining("row 3").hasMessageContaining("absent");
        assertThatThrownBy(() -> run(graph(3, new double[] {0, 2, -1}), p, 1)).hasMessageContaining("row 1")
                .hasMessageContaining("-1.0");
        assertThatThrownBy(() -> run(graph(3, new double[] {1, 2, Double.NaN}), p, 1)).hasMessageContaining("row 2")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> run(graph(3, new double[] {1, 2, Double.POSITIVE_INFINITY}), p, 1))
                .hasMessageContaining("Infinity");
        CsrMatrix loop = CsrMatrix.fromCoordinates(3, 3, new int[] {1}, new int[] {1}, new float[] {1});
        assertThatThrownBy(() -> run(loop, p, 1)).hasMessageContaining("row 2").hasMessageContaining("diagonal");
        CsrMatrix wide = CsrMatrix.fromCoordinates(2, 3, new int[0], new int[0], new float[0]);
        assertThatThrownBy(() -> run(wide, p, 1)).hasMessageContaining("square");
    }

    @Test
    void bad_parameters_are_refused_naming_the_parameter() {
        Node2VecParams d = Node2VecParams.DEFAULTS;
        assertRefused(() -> d.withP(0), "p");
        assertRefused(() -> d.withP(-1), "p");
        assertRefused(() -> d.withQ(0), "q");
        assertRefused(() -> d.withQ(Double.NaN), "q");
        assertRefused(() -> d.withWalkLength(1), "walk-length");
        assertRefused(() -> d.withWindow(0), "window");
        assertRefused(() -> d.withWalksPerNode(0), "walks-per-node");
        assertRefused(() -> d.withDimension(0), "dimension");
        assertRefused(() -> d.withDimension(65), "dimension");
        assertRefused(() -> d.withNegativeSamples(0), "negative-samples");
        assertRefused(() -> d.withEpochs(0), "epochs");
        assertRefused(() -> d.withLearningRate(0), "learning-rate");
        assertRefused(() -> d.withLearningRate(Double.POSITIVE_INFINITY), "learning-rate");
        assertRefused(() -> Node2VecParams.fromMap(Map.of("weighted", "yes")), "weighted");
        assertRefused(() -> Node2VecParams.fromMap(Map.of("walklength", 3)), "node2vec parameter");
    }

    private static void assertRefused(Runnable r, String parameter) {
        assertThatThrownBy(r::run).isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo(parameter));
    }

    @Test
    void parameters_round_trip_through_their_map() {
        Node2VecParams p = Node2VecParams.DEFAULTS.withDimension(8).withWalkLength(30).withWalksPerNode(7)
                .withWindow(4).withP(0.5).withQ(2).withNegativeSamples(3).withEpochs(2).withLearningRate(0.05)
                .withWeighted(false).withSeed(9);
        assertThat(Node2VecParams.fromMap(p.toMap())).isEqualTo(p);
        assertThat(Node2VecParams.fromMap(Map.of())).isEqualTo(Node2VecParams.DEFAULTS);
        assertThat(Node2VecParams.DEFAULTS.isDeepWalk()).isTrue();
        assertThat(p.isDeepWalk()).isFalse();
    }
}
