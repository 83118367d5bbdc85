/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne.repulsion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import starmap.core.layout.Clusters;
import starmap.core.parallel.Parallel;

/** Every approximation against the exact sums on small inputs. */
class RepulsionEstimatorTest {
    private record Forces(double[] f, double z) {
    }

    private static Forces run(RepulsionEstimator est, double[] y, Parallel par) {
        double[] rep = new double[y.length];
        est.prepare(y, par);
        double z = est.accumulate(y, rep, par);
        for (int c = 0; c < rep.length; c++) {
            rep[c] /= z;
        }
        return new Forces(rep, z);
    }

    private static double relativeError(double[] a, double[] ref) {
        double num = 0;
        double den = 0;
        for (int c = 0; c < a.length; c++) {
            num += (a[c] - ref[c]) * (a[c] - ref[c]);
            den += ref[c] * ref[c];
        }
        return Math.sqrt(num / den);
    }

    @Test
    void barnes_hut_with_theta_zero_is_exact_to_float_precision() {
        for (int dim : new int[] {2, 3}) {
            double[] y = Clusters.positions(700, dim, 5, dim);
            try (Parallel par = Parallel.of(2)) {
                Forces exact = run(new ExactRepulsion(dim), y, par);
                Forces bh = run(new BarnesHutRepulsion(dim, 0), y, par);
                assertThat(bh.z()).isCloseTo(exact.z(), offset(exact.z() * 1e-5));
                assertThat(relativeError(bh.f(), exact.f())).as("float32 sums").isLessThan(1e-5);
            }
        }
    }

    @Test
    void barnes_hut_stays_within_its_theta_tolerance() {
        for (int dim : new int[] {2, 3}) {
            double[] y = Clusters.positions(1500, dim, 8, 10 + dim);
            try (Parallel par = Parallel.of(2)) {
                Forces exact = run(new ExactRepulsion(dim), y, par);
                Forces bh = run(new BarnesHutRepulsion(dim, 0.5), y, par);
                assertThat(bh.z()).isCloseTo(exact.z(), offset(exact.z() * 0.02));
                assertThat(relativeError(bh.f(), exact.f())).as("%d-D", dim).isLessThan(0.05);
            }
        }
    }

    @Test
    void fft_interpolation_matches_exact_and_converges_as_the_grid_refines() {
        double[] y = Clusters.positions(2000, 2, 10, 4);
        try (Parallel par = Parallel.of(2)) {
            Forces exact = run(new ExactRepulsion(2), y, par);
            Forces fft = run(new FftRepulsion(FftRepulsion.Params.DEFAULTS), y, par);
            assertThat(fft.z()).isCloseTo(exact.z(), offset(exact.z() * 5e-3));
            assertThat(relativeError(fft.f(), exact.f())).as("FIt-SNE's default grid").isLessThan(0.05);
            Forces fine = run(new FftRepulsion(new FftRepulsion.Params(3, 50, 2)), y, par);
            assertThat(relativeError(fine.f(), exact.f())).as("two boxes per unit").isLessThan(0.01);
            Forces finer = run(new FftRepulsion(new FftRepulsion.Params(5, 50, 2)), y, par);
            assertThat(relativeError(finer.f(), exact.f())).as("five nodes per box").isLessThan(1e-3);
        }
    }

    @Test
    void dual_tree_stays_within_its_theta_tolerance() {
        for (int dim : new int[] {2, 3}) {
            double[] y = Clusters.positions(1500, dim, 8, 20 + dim);
            try (Parallel par = Parallel.of(2)) {
                Forces exact = run(new ExactRepulsion(dim), y, par);
                Forces fine = run(new DualTreeRepulsion(dim, 0.2), y, par);
                Forces coarse = run(new DualTreeRepulsion(dim, 0.5), y, par);
                assertThat(relativeError(fine.f(), exact.f())).as("%d-D, theta 0.2", dim).isLessThan(0.01);
                assertThat(relativeError(coarse.f(), exact.f())).as("%d-D, theta 0.5", dim).isLessThan(0.05);
                assertThat(coarse.z()).isCloseTo(exact.z(), offset(exact.z() * 0.03));
            }
        }
    }

    @Test
    void estimates_do_not_depend_on_the_thread_count() {
        double[] y = Clusters.positions(3000, 2, 6, 8);
        try (Parallel one = Parallel.sequential(); Parallel three = Parallel.of(3)) {
            for (RepulsionEstimator[] pair : new RepulsionEstimator[][] {
                {new BarnesHutRepulsion(2, 0.5), new BarnesHutRepulsion(2, 0.5)},
                {new FftRepulsion(FftRepulsion.Params.DEFAULTS), new FftRepulsion(FftRepulsion.Params.DEFAULTS)},
                {new DualTreeRepulsion(2, 0.5), new DualTreeRepulsion(2, 0.5)}}) {
                Forces a = run(pair[0], y, one);
                Forces b = run(pair[1], y, three);
                assertThat(a.z()).isEqualTo(b.z());
                assertThat(a.f()).containsExactly(b.f());
            }
        }
    }

    @Test
    void fft_sizes_have_only_small_prime_factors() {
        assertThat(FftRepulsion.smooth(300)).isEqualTo(300);
        assertThat(FftRepulsion.smooth(301)).isEqualTo(320);
        assertThat(FftRepulsion.smooth(1170)).isEqualTo(1200);
    }
}
