/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import starmap.core.simd.Bodies;
import starmap.core.simd.Kernels;
import starmap.core.simd.SparseRows;

/**
 * The kernels behind exact kNN (64 × 512 dot-product tile), Barnes-Hut (Cauchy sums over a body list)
 * and the attraction (sparse rows with gathered positions). Each setup checks one result against a
 * direct computation, so a broken kernel fails instead of timing garbage.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KernelBenchmark {
    /** Vector API fork. */
    static final String VECTOR = "--add-modules=jdk.incubator.vector";

    @Param({"50", "129"})
    int dim;

    private final Kernels kernels = Kernels.get();
    private float[] queries;
    private float[] baseT;
    private float[] dots;
    private Bodies bodies;
    private double[] out;
    private SparseRows rows;
    private float[] positions;
    private double[] attraction;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        queries = random(r, 64 * dim);
        baseT = random(r, dim * 512);
        dots = new float[64 * 512];
        kernels.dotsTransposed(queries, 64, baseT, 512, dim, dots);
        double expect = 0;
        for (int c = 0; c < dim; c++) {
            expect += queries[3 * dim + c] * baseT[c * 512 + 7];
        }
        if (Math.abs(expect - dots[3 * 512 + 7]) > 1e-3 * dim) {
            throw new IllegalStateException("dot tile is wrong: " + dots[3 * 512 + 7] + " vs " + expect);
        }
        bodies = new Bodies();
        for (int i = 0; i < 400 + dim; i++) {
            bodies.add((float) r.nextGaussian() * 5, (float) r.nextGaussian() * 5, (float) r.nextGaussian() * 5, 1 + i % 7);
        }
        out = new double[4];
        int n = 2000;
        int[] ptr = new int[n + 1];
        int[] cols = new int[n * 90];
        float[] vals = new float[n * 90];
        for (int i = 0; i < n; i++) {
            ptr[i + 1] = (i + 1) * 90;
            for (int k = 0; k < 90; k++) {
                cols[i * 90 + k] = r.nextInt(n);
                vals[i * 90 + k] = (float) r.nextDouble();
            }
        }
        rows = SparseRows.of(ptr, cols, vals, 2);
        positions = random(r, n * 2);
        attraction = new double[n * 2];
    }

    private static float[] random(SplittableRandom r, int len) {
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = VECTOR)
    public float dotTileVector() {
        kernels.dotsTransposed(queries, 64, baseT, 512, dim, dots);
        return dots[dots.length - 1];
    }

    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = {VECTOR, "-Dstarmap.simd=scalar"})
    public float dotTileScalar() {
        kernels.dotsTransposed(queries, 64, baseT, 512, dim, dots);
        return dots[dots.length - 1];
    }

    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = VECTOR)
    public double cauchyVector() {
        kernels.cauchy(bodies, 0.5f, -0.25f, 1f, out);
        return out[0];
    }

    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = {VECTOR, "-Dstarmap.simd=scalar"})
    public double cauchyScalar() {
        kernels.cauchy(bodies, 0.5f, -0.25f, 1f, out);
        return out[0];
    }

    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = VECTOR)
    public double attractionVector() {
        kernels.attraction(rows, positions, 2, 0, 2000, attraction);
        return attraction[17];
    }

    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = {VECTOR, "-Dstarmap.simd=scalar"})
    public double attractionScalar() {
        kernels.attraction(rows, positions, 2, 0, 2000, attraction);
        return attraction[17];
    }
}
