/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Vector API kernels agree with the scalar ones on odd sizes. */
class KernelsTest {
    private static final Kernels SCALAR = new ScalarKernels();

    private static Kernels panama() {
        Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "needs --add-modules=jdk.incubator.vector (set in the build's argLine)");
        return new PanamaKernels();
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 33, 50, 129})
    void dot_products_and_transposed_tiles_agree(int d) {
        Kernels simd = panama();
        int nq = 7;
        int width = 64;
        float[] q = random(nq * d, d);
        float[] bt = random(d * width, d + 1);
        float[] a = new float[nq * width];
        float[] b = new float[nq * width];
        simd.dotsTransposed(q, nq, bt, width, d, a);
        SCALAR.dotsTransposed(q, nq, bt, width, d, b);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(b[i], offset(1e-3f * d));
        }
        assertThat(simd.dot(q, 0, q, 1, d - 1 < 1 ? 0 : d - 1)).isCloseTo(SCALAR.dot(q, 0, q, 1, d - 1 < 1 ? 0 : d - 1),
                offset(1e-3f * d));
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 16, 37, 100})
    void affine_select_and_axpy_agree(int n) {
        Kernels simd = panama();
        float[] norms = random(n, 3);
        float[] a = random(n + 3, 4);
        float[] b = a.clone();
        simd.affine(a, 3, n, 0.5f, norms, -2f);
        SCALAR.affine(b, 3, n, 0.5f, norms, -2f);
        assertThat(a).containsExactly(b, offset(1e-5f));
        int[] ha = new int[n];
        int[] hb = new int[n];
        int ca = simd.select(a, 3, n, 0.1f, ha);
        assertThat(ca).isEqualTo(SCALAR.select(b, 3, n, 0.1f, hb));
        assertThat(java.util.Arrays.copyOf(ha, ca)).containsExactly(java.util.Arrays.copyOf(hb, ca));
        float[] x = random(n, 5);
        float[] accA = random(n + 1, 6);
        float[] accB = accA.clone();
        simd.axpy(1.5f, x, 0, accA, 1, n);
        SCALAR.axpy(1.5f, x, 0, accB, 1, n);
        assertThat(accA).containsExactly(accB, offset(1e-5f));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void attraction_and_cauchy_sums_agree(int dim) {
        Kernels simd = panama();
        int n = 50;
        SplittableRandom r = new SplittableRandom(dim);
        int[] ptr = new int[n + 1];
        java.util.List<Integer> cols = new java.util.ArrayList<>();
        java.util.List<Float> vals = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = r.nextInt(40);
            for (int k = 0; k < len; k++) {
                cols.add(r.nextInt(n));
                vals.add((float) r.nextDouble());
            }
            ptr[i + 1] = cols.size();
        }
        float[] v = new float[vals.size()];
        for (int q = 0; q < v.length; q++) {
            v[q] = vals.get(q);
        }
        SparseRows rows = SparseRows.of(ptr, cols.stream().mapToInt(Integer::intValue).toArray(), v, dim);
        float[] y = random(n * dim, 7);
        double[] a = new double[n * dim];
        double[] b = new double[n * dim];
        simd.attraction(rows, y, dim, 0, n, a);
        SCALAR.attraction(rows, y, dim, 0, n, b);
        assertThat(a).containsExactly(b, org.assertj.core.data.Offset.offset(1e-4));
        Bodies bodies = new Bodies();
        for (int i = 0; i < 37; i++) {
            bodies.add((float) r.nextGaussian(), (float) r.nextGaussian(), dim == 3 ? (float) r.nextGaussian() : 0, i % 5 + 1);
        }
        double[] ca = new double[4];
        double[] cb = new double[4];
        simd.cauchy(bodies, 0.3f, -0.2f, 0.1f, ca);
        SCALAR.cauchy(bodies, 0.3f, -0.2f, 0.1f, cb);
        assertThat(ca).containsExactly(cb, org.assertj.core.data.Offset.offset(1e-4));
    }
}
