/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import starmap.core.InvalidParameterException;
import starmap.core.layout.Clusters;
import starmap.core.layout.LayoutContext;
import starmap.core.parallel.Parallel;
import starmap.core.quality.LayoutQuality;
import starmap.core.quality.QualityReport;
import starmap.core.vectors.DenseVectors;

class TsneTest {
    private static final int N = 1500;
    private static final int D = 20;

    @Tag("quality")
    @ParameterizedTest(name = "{0}-D with {1}")
    @CsvSource({"2, exact", "2, bh", "2, fft", "3, exact", "3, bh"})
    void clusters_separate(int dim, String approximation) {
        Clusters c = Clusters.of(N, D, 6, 6, 11);
        TsneParams p = TsneParams.DEFAULTS.withDimensions(dim).withApproximation(Approximation.parse(approximation))
                .withIterations(500);
        try (Parallel par = Parallel.of(2)) {
            DenseVectors data = DenseVectors.wrap(c.vectors(), N, D);
            TsneResult r = Tsne.run(data, p, LayoutContext.quiet(par));
            QualityReport q = LayoutQuality.measure(data, r.embedding(), Optional.of(c.labels()),
                    Optional.of(r.affinities()), LayoutQuality.Options.DEFAULTS, par);
            assertThat(q.labelAccuracy().orElseThrow()).isGreaterThanOrEqualTo(0.95);
            assertThat(q.knnPreservation()).isGreaterThan(0.3);
            assertThat(q.trustworthiness()).isGreaterThan(0.9);
            assertThat(r.klDivergence()).isCloseTo(q.klDivergence().orElseThrow(),
                    org.assertj.core.data.Offset.offset(0.05));
            assertThat(r.details()).containsEntry("approximation", approximation);
            assertThat(r.timings()).containsKeys("knn", "affinities", "init", "optimize");
        }
    }

    @Test
    void the_same_seed_gives_the_same_layout_on_any_thread_count() {
        Clusters c = Clusters.of(1200, 10, 4, 5, 2);
        TsneParams p = TsneParams.DEFAULTS.withIterations(120).withApproximation(Approximation.FFT);
        DenseVectors data = DenseVectors.wrap(c.vectors(), 1200, 10);
        try (Parallel one = Parallel.sequential(); Parallel three = Parallel.of(3)) {
            float[] a = Tsne.run(data, p, LayoutContext.quiet(one)).embedding().toArray();
            float[] b = Tsne.run(data, p, LayoutContext.quiet(three)).embedding().toArray();
            float[] c2 = Tsne.run(data, p.withSeed(1), LayoutContext.quiet(three)).embedding().toArray();
            assertThat(b).containsExactly(a);
            assertThat(c2).containsExactly(a);
            TsneParams random = p.withInitialization(TsneParams.Initialization.RANDOM).withApproximation(Approximation.BARNES_HUT);
            float[] r1 = Tsne.run(data, random, LayoutContext.quiet(one)).embedding().toArray();
            float[] r2 = Tsne.run(data, random, LayoutContext.quiet(three)).embedding().toArray();
            float[] other = Tsne.run(data, random.withSeed(2), LayoutContext.quiet(three)).embedding().toArray();
            assertThat(r2).containsExactly(r1);
            assertThat(other).isNotEqualTo(r1);
        }
    }

    @Test
    void bad_parameters_are_named() {
        DenseVectors data = DenseVectors.wrap(new float[300], 100, 3);
        LayoutContext ctx = LayoutContext.quiet(Parallel.sequential());
        assertThatThrownBy(() -> Tsne.run(data, TsneParams.DEFAULTS.withPerplexity(40), ctx))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("perplexity must be < n / 3 = 33.33 for 100 points, got 40.0");
        assertThatThrownBy(() -> TsneParams.DEFAULTS.withDimensions(0)).hasMessage("dimensions must be 1, 2 or 3 for t-SNE, got 0");
        assertThatThrownBy(() -> TsneParams.DEFAULTS.withDimensions(4)).hasMessage("dimensions must be 1, 2 or 3 for t-SNE, got 4");
        assertThatThrownBy(() -> TsneParams.DEFAULTS.withTheta(-0.1)).hasMessage("theta must be >= 0, got -0.1");
        assertThatThrownBy(() -> TsneParams.DEFAULTS.withDimensions(3).withApproximation(Approximation.FFT))
                .hasMessage("approximation must be bh or exact for 3-D layouts (fft is 2-D only), got fft");
        assertThatThrownBy(() -> Tsne.run(DenseVectors.wrap(new float[3], 1, 3), TsneParams.DEFAULTS, ctx))
                .hasMessage("points must be at least 2 for t-SNE, got 1");
    }

    @Test
    void duplicate_rows_lay_out_without_nan() {
        float[] v = new float[300 * 4];
        for (int i = 0; i < 300; i++) {
            v[i * 4] = i % 3;
        }
        TsneParams p = TsneParams.DEFAULTS.withPerplexity(10).withIterations(300);
        try (Parallel par = Parallel.of(2)) {
            float[] y = Tsne.run(DenseVectors.wrap(v, 300, 4), p, LayoutContext.quiet(par)).embedding().toArray();
            for (float x : y) {
                assertThat(x).isFinite();
            }
        }
    }

    @Test
    void parameters_round_trip_through_their_map() {
        TsneParams p = TsneParams.DEFAULTS.withDimensions(3).withPerplexity(12.5).withTheta(0.3).withSeed(99)
                .withLearningRate(new LearningRate.Fixed(500)).withApproximation(Approximation.BARNES_HUT)
                .withMaxStepNorm(Double.POSITIVE_INFINITY);
        assertThat(TsneParams.fromMap(p.toMap())).isEqualTo(p);
        assertThat(TsneParams.fromMap(TsneParams.DEFAULTS.toMap())).isEqualTo(TsneParams.DEFAULTS);
        assertThatThrownBy(() -> TsneParams.fromMap(java.util.Map.of("perplexty", 3)))
                .hasMessageStartingWith("t-SNE parameter must be one of [dimensions, perplexity");
    }

    @Test
    void renumbering_along_the_morton_curve_keeps_points_in_the_callers_order() {
        int n = 1500;
        Clusters c = Clusters.of(n, D, 6, 6, 11);
        DenseVectors data = DenseVectors.wrap(c.vectors(), n, D);
        try (Parallel par = Parallel.of(2); Parallel one = Parallel.sequential()) {
            TsneParams p = TsneParams.DEFAULTS.withApproximation(Approximation.BARNES_HUT).withIterations(400);
            TsneResult base = Tsne.run(data, p.withIterations(0), LayoutContext.quiet(par));
            double[] init = positions(base);
            TsneRun.Setup setup = new TsneRun.Setup(p, Tsne.repulsion(p, n), 100);
            TsneRun run = new TsneRun(base.affinities(), init, setup, LayoutContext.quiet(par));
            run.finish();
            QualityReport q = LayoutQuality.measure(data, run.snapshot(), Optional.of(c.labels()), Optional.empty(),
                    LayoutQuality.Options.DEFAULTS, par);
            assertThat(q.labelAccuracy().orElseThrow()).isGreaterThanOrEqualTo(0.95);
            TsneRun again = new TsneRun(base.affinities(), init, new TsneRun.Setup(p, Tsne.repulsion(p, n), 100),
                    LayoutContext.quiet(one));
            again.finish();
            assertThat(again.snapshot().toArray()).containsExactly(run.snapshot().toArray());
        }
    }

    @Test
    void no_point_steps_further_than_the_max_step_norm() {
        int n = 600;
        Clusters c = Clusters.of(n, D, 4, 6, 5);
        DenseVectors data = DenseVectors.wrap(c.vectors(), n, D);
        try (Parallel par = Parallel.of(2)) {
            TsneParams p = TsneParams.DEFAULTS.withApproximation(Approximation.BARNES_HUT).withIterations(300);
            TsneResult base = Tsne.run(data, p.withIterations(0), LayoutContext.quiet(par));
            double[] init = positions(base);
            double clipped = longestStep(base, init, p.withMaxStepNorm(0.05), par);
            double free = longestStep(base, init, p.withMaxStepNorm(Double.POSITIVE_INFINITY), par);
            // Centring after the step can add the mean step, itself at most the limit.
            assertThat(clipped).isLessThanOrEqualTo(0.1 + 1e-6);
            assertThat(free).isGreaterThan(1.0);
        }
    }

    /** The longest move of any point in any single iteration of a run. */
    private static double longestStep(TsneResult base, double[] init, TsneParams p, Parallel par) {
        int n = init.length / 2;
        TsneRun run = new TsneRun(base.affinities(), init, p, Tsne.repulsion(p, n), LayoutContext.quiet(par));
        float[] before = run.snapshot().toArray();
        double longest = 0;
        for (int it = 0; it < p.iterations(); it++) {
            run.step(1);
            float[] after = run.snapshot().toArray();
            for (int i = 0; i < n; i++) {
                longest = Math.max(longest, Math.hypot(after[2 * i] - before[2 * i], after[2 * i + 1] - before[2 * i + 1]));
            }
            before = after;
        }
        return longest;
    }

    /** A result's embedding as the double positions a {@link TsneRun} starts from. */
    private static double[] positions(TsneResult r) {
        float[] y = r.embedding().toArray();
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i];
        }
        return out;
    }
}
