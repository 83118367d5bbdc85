/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import starmap.core.parallel.Parallel;
import starmap.core.vectors.DenseVectors;

class PcaTest {
    /** Points spread with standard deviations 10, 5, 2 along the first three axes, 0.1 elsewhere, then shifted. */
    private static DenseVectors sample(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n * d];
        double[] sd = new double[d];
        java.util.Arrays.fill(sd, 0.1);
        sd[0] = 10;
        sd[1] = 5;
        sd[2] = 2;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (100 + j + sd[j] * r.nextGaussian());
            }
        }
        return DenseVectors.wrap(v, n, d);
    }

    @ParameterizedTest
    @EnumSource(value = Pca.Solver.class, names = {"COVARIANCE", "RANDOMIZED"})
    void both_solvers_find_the_axes_of_largest_variance(Pca.Solver solver) {
        DenseVectors data = sample(4000, 20, 3);
        try (Parallel par = Parallel.of(2)) {
            PcaModel m = Pca.fit(data, 3, solver, 7, par);
            for (int c = 0; c < 3; c++) {
                assertThat(Math.abs(m.components()[c * 20 + c])).as("component %d", c).isGreaterThan(0.999f);
            }
            assertThat(m.components()[0]).isPositive();
            assertThat(m.variances()[0]).isCloseTo(100, offset(6.0));
            assertThat(m.variances()[1]).isCloseTo(25, offset(2.0));
            assertThat(m.explainedFraction()).isGreaterThan(0.99);
            assertThat(m.mean()[5]).isCloseTo(105f, offset(0.05f));
            try (DenseVectors y = m.transform(data, par)) {
                double s = 0;
                for (int i = 0; i < y.size(); i++) {
                    s += y.get(i, 0);
                }
                assertThat(s / y.size()).isCloseTo(0, offset(0.5));
                assertThat(y.dimension()).isEqualTo(3);
            }
        }
    }

    @Test
    void results_do_not_depend_on_the_thread_count() {
        DenseVectors data = sample(3000, 12, 5);
        try (Parallel one = Parallel.sequential(); Parallel two = Parallel.of(2)) {
            assertThat(Pca.fit(data, 2, Pca.Solver.COVARIANCE, 1, one).components())
                    .containsExactly(Pca.fit(data, 2, Pca.Solver.COVARIANCE, 1, two).components());
        }
    }

    @Test
    void rejects_more_components_than_dimensions() {
        assertThatThrownBy(() -> Pca.fit(sample(10, 3, 1), 4, Pca.Solver.AUTO, 1, Parallel.sequential()))
                .hasMessage("components must be in [1, 3], got 4");
    }
}
