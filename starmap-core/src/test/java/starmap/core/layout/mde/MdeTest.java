/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.mde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import starmap.core.InvalidInputException;
import starmap.core.InvalidParameterException;
import starmap.core.layout.Embedding;
import starmap.core.layout.LayoutContext;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Cancelled;
import starmap.core.progress.CancelledException;
import starmap.core.sparse.CsrMatrix;

class MdeTest {
    private static final PlantedPartition GRAPH = PlantedPartition.of(3000, 10, 15, 0.1, 7);
    private static Mde.Result fourDimensional;

    private static Mde.Result run(CsrMatrix w, MdeParams p, Parallel par) {
        return Mde.run(w, p, LayoutContext.quiet(par));
    }

    private static Mde.Result run(CsrMatrix w, MdeParams p) {
        try (Parallel par = Parallel.of(2)) {
            return run(w, p, par);
        }
    }

    private static synchronized Mde.Result fourDimensional() {
        if (fourDimensional == null) {
            fourDimensional = run(GRAPH.weights(), MdeParams.DEFAULTS.withDimensions(4));
        }
        return fourDimensional;
    }

    @Test
    void communities_of_a_planted_partition_stay_together_in_four_and_two_dimensions() {
        Mde.Result four = fourDimensional();
        assertThat(four.details()).containsEntry("initialization", "spectral");
        assertThat(PlantedPartition.knnAccuracy(four.embedding().toArray(), 4, GRAPH.labels())).as("4-D accuracy")
                .isGreaterThanOrEqualTo(0.9);
        Mde.Result two = run(GRAPH.weights(), MdeParams.DEFAULTS);
        assertThat(PlantedPartition.knnAccuracy(two.embedding().toArray(), 2, GRAPH.labels())).as("2-D accuracy")
                .isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void a_random_start_reaches_the_same_accuracy() {
        Mde.Result r = run(GRAPH.weights(), MdeParams.DEFAULTS.withDimensions(4)
                .withInitialization(MdeParams.Initialization.RANDOM));
        assertThat(r.details()).containsEntry("initialization", "random");
        assertThat(PlantedPartition.knnAccuracy(r.embedding().toArray(), 4, GRAPH.labels()))
                .isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void the_embedding_is_centred_with_identity_covariance() {
        Embedding e = fourDimensional().embedding();
        int n = e.size();
        int d = e.dimension();
        for (int a = 0; a < d; a++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += e.get(i, a);
            }
            assertThat(Math.abs(mean / n)).as("mean of axis %d", a).isLessThan(1e-4);
            for (int b = 0; b < d; b++) {
                double cov = 0;
                for (int i = 0; i < n; i++) {
                    cov += (double) e.get(i, a) * e.get(i, b);
                }
                assertThat(Math.abs(cov / n - (a == b ? 1 : 0))).as("(YᵀY/n)[%d][%d]", a, b).isLessThan(1e-3);
            }
        }
    }

    @Test
    void the_average_distortion_falls_from_the_start() {
        Mde.Result r = fourDimensional();
        assertThat(r.iterations()).isPositive();
        assertThat(r.averageDistortion()).isPositive().isLessThan(0.9 * r.initialDistortion());
        assertThat(r.details()).containsEntry("repulsive_edges", (Long) r.details().get("attractive_edges") / 2);
    }

    @Test
    void the_same_seed_gives_the_same_embedding_on_any_number_of_threads() {
        // large enough that every parallel loop has several chunks
        PlantedPartition g = PlantedPartition.of(6000, 5, 10, 0.1, 3);
        MdeParams p = MdeParams.DEFAULTS.withDimensions(3).withMaxIterations(20).withSeed(42);
        Embedding once;
        Embedding again;
        Embedding otherSeed;
        try (Parallel par = Parallel.sequential()) {
            once = run(g.weights(), p, par).embedding();
            again = run(g.weights(), p, par).embedding();
            otherSeed = run(g.weights(), p.withSeed(43), par).embedding();
        }
        Embedding twoThreads = run(g.weights(), p).embedding();
        assertThat(again).isEqualTo(once);
        assertThat(twoThreads).isEqualTo(once);
        assertThat(otherSeed).isNotEqualTo(once);
    }

    /** Two communities with no edge between them, and 20 points with no edge at all. */
    @Test
    void components_end_apart_and_isolated_points_stay_finite() {
        CsrMatrix pair = PlantedPartition.of(800, 2, 10, 0, 5).weights();
        int n = 820;
        int[] indptr = new int[n + 1];
        System.arraycopy(pair.indptr(), 0, indptr, 0, 801);
        java.util.Arrays.fill(indptr, 801, n + 1, pair.nonZeros());
        CsrMatrix w = CsrMatrix.of(n, n, indptr, pair.indices(), pair.values());
        Mde.Result r = run(w, MdeParams.DEFAULTS.withDimensions(3));
        assertThat(r.details()).containsEntry("initialization", "random (the graph has 22 components)");
        float[] y = r.embedding().toArray();
        for (float v : y) {
            assertThat(Float.isFinite(v)).isTrue();
        }
        double[][] centroid = new double[2][3];
        for (int i = 0; i < 800; i++) {
            for (int a = 0; a < 3; a++) {
                centroid[i % 2][a] += y[3 * i + a] / 400;
            }
        }
        double[] radius = new double[2];
        for (int i = 0; i < 800; i++) {
            for (int a = 0; a < 3; a++) {
                radius[i % 2] += Math.pow(y[3 * i + a] - centroid[i % 2][a], 2) / 400;
            }
        }
        double apart = Math.sqrt(Math.pow(centroid[0][0] - centroid[1][0], 2) + Math.pow(centroid[0][1]
                - centroid[1][1], 2) + Math.pow(centroid[0][2] - centroid[1][2], 2));
        assertThat(apart).isGreaterThan(Math.sqrt(radius[0]) + Math.sqrt(radius[1]));
    }

    @Test
    void a_graph_without_edges_keeps_its_random_start() {
        Mde.Result r = run(CsrMatrix.of(5, 5, new int[6], new int[0], new float[0]), MdeParams.DEFAULTS);
        assertThat(r.iterations()).isZero();
        assertThat(r.averageDistortion()).isZero();
        assertThat(r.details()).containsEntry("stop", "converged");
    }

    @Test
    void bad_weights_are_refused_naming_the_row() {
        MdeParams p = MdeParams.DEFAULTS;
        assertThatThrownBy(() -> run(CsrMatrix.of(3, 4, new int[4], new int[0], new float[0]), p))
                .isInstanceOf(InvalidInputException.class).hasMessage("weights: matrix is 3 × 4, expected square");
        assertThatThrownBy(() -> run(matrix(4, new int[] {0, 1}, new int[] {1, 0}, new float[] {1, 2}), p))
                .hasMessage("weights: row 1: weight 1.0 in column 1 but 2.0 from 1 back to 0; "
                        + "weights must be symmetric");
        assertThatThrownBy(() -> run(matrix(4, new int[] {2}, new int[] {3}, new float[] {1}), p))
                .hasMessageStartingWith("weights: row 3: weight 1.0 in column 3 but 0.0");
        assertThatThrownBy(() -> run(matrix(4, new int[] {1, 2}, new int[] {2, 1}, new float[] {-1, -1}), p))
                .hasMessage("weights: row 2: weight -1.0 in column 2; weights must be finite and >= 0");
        assertThatThrownBy(() -> run(matrix(4, new int[] {0, 3}, new int[] {3, 0}, new float[] {Float.NaN, 1}), p))
                .hasMessageStartingWith("weights: row 1: weight NaN in column 3");
        assertThatThrownBy(() -> run(matrix(4, new int[] {2}, new int[] {2}, new float[] {1}), p))
                .hasMessage("weights: row 3: has a diagonal entry (a self-edge), column 2");
        assertThatThrownBy(() -> run(matrix(1, new int[0], new int[0], new float[0]), p))
                .isInstanceOf(InvalidParameterException.class).hasMessage("points must be >= 2 for a layout, got 1");
        assertThatThrownBy(() -> run(matrix(3, new int[0], new int[0], new float[0]), p.withDimensions(3)))
                .hasMessage("dimensions must be < the number of points 3, got 3");
    }

    private static CsrMatrix matrix(int n, int[] r, int[] c, float[] v) {
        return CsrMatrix.fromCoordinates(n, n, r, c, v);
    }

    @Test
    void parameters_out_of_range_are_refused_by_name() {
        assertThatThrownBy(() -> MdeParams.DEFAULTS.withDimensions(1)).isInstanceOf(InvalidParameterException.class)
                .hasMessage("dimensions must be in [2, 8], got 1");
        assertThatThrownBy(() -> MdeParams.DEFAULTS.withDimensions(9)).hasMessageStartingWith("dimensions must be");
        assertThatThrownBy(() -> MdeParams.DEFAULTS.withAttractiveExponent(0.5))
                .hasMessageStartingWith("attractive-exponent");
        assertThatThrownBy(() -> MdeParams.DEFAULTS.withRepulsiveExponent(0))
                .hasMessageStartingWith("repulsive-exponent");
        assertThatThrownBy(() -> MdeParams.DEFAULTS.withRepulsiveFraction(-1))
                .hasMessageStartingWith("repulsive-fraction");
        assertThatThrownBy(() -> MdeParams.DEFAULTS.withMaxIterations(-1)).hasMessageStartingWith("max-iterations");
        assertThatThrownBy(() -> MdeParams.DEFAULTS.withTolerance(Double.NaN)).hasMessageStartingWith("tolerance");
        assertThat(MdeParams.DEFAULTS.withDimensions(5).toMap()).containsEntry("dimensions", 5)
                .containsEntry("initialization", "auto").containsEntry("repulsive_fraction", 0.5);
    }

    /** Central differences of the average distortion against its gradient, with short and long edges. */
    @Test
    void the_gradient_matches_finite_differences() {
        CsrMatrix w = PlantedPartition.of(40, 2, 4, 0.2, 11).weights();
        MdeParams p = MdeParams.DEFAULTS.withDimensions(3).withAttractiveExponent(1.7).withRepulsiveExponent(0.8);
        Distortion f = Distortion.of(w, NegativeSampler.sample(w, 60, Weights.nonEdges(w), new SplittableRandom(1)), p);
        SplittableRandom rnd = new SplittableRandom(2);
        double[] y = new double[40 * 3];
        for (int c = 0; c < y.length; c++) {
            y[c] = rnd.nextGaussian() * (c < 30 ? 0.05 : 1);
        }
        double[] grad = new double[y.length];
        double[] scratch = new double[y.length];
        try (Parallel par = Parallel.sequential()) {
            f.evaluate(y, grad, par);
            for (int c = 0; c < y.length; c++) {
                double h = 1e-6;
                double keep = y[c];
                y[c] = keep + h;
                double up = f.evaluate(y, scratch, par);
                y[c] = keep - h;
                double down = f.evaluate(y, scratch, par);
                y[c] = keep;
                assertThat(grad[c]).as("coordinate %d", c).isCloseTo((up - down) / (2 * h),
                        org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(grad[c]))));
            }
        }
    }

    @Test
    void repulsive_edges_are_distinct_non_edges_also_when_the_graph_is_dense() {
        for (int n : new int[] {12, 400}) {
            CsrMatrix w = PlantedPartition.of(n, 2, 4, 0.1, n).weights();
            int count = (int) Math.min(Weights.nonEdges(w), 300);
            int[][] pairs = NegativeSampler.sample(w, count, Weights.nonEdges(w), new SplittableRandom(3));
            Set<Long> seen = new HashSet<>();
            for (int e = 0; e < count; e++) {
                int i = pairs[0][e];
                int j = pairs[1][e];
                assertThat(i).isLessThan(j);
                assertThat(w.get(i, j)).isZero();
                assertThat(seen.add((long) i * n + j)).isTrue();
            }
            assertThat(seen).hasSize(count);
        }
    }

    @Test
    void a_cancelled_run_stops() {
        try (Parallel par = Parallel.of(2)) {
            assertThatThrownBy(() -> Mde.run(GRAPH.weights(), MdeParams.DEFAULTS, new LayoutContext(par, Cancelled.PROGRESS,
                    LayoutContext.IterationListener.NONE))).isInstanceOf(CancelledException.class);
        }
    }
}
