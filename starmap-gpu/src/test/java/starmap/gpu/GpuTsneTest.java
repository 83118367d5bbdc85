/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import starmap.core.graph.KnnGraph;
import starmap.core.knn.ExactSearch;
import starmap.core.knn.Metric;
import starmap.core.layout.Embedding;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.affinity.PerplexityAffinities;
import starmap.core.layout.affinity.SparseAffinities;
import starmap.core.layout.tsne.Approximation;
import starmap.core.layout.tsne.Tsne;
import starmap.core.layout.tsne.TsneOptimization;
import starmap.core.layout.tsne.TsneParams;
import starmap.core.layout.tsne.repulsion.ExactRepulsion;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.quality.KlDivergence;
import starmap.core.quality.LayoutQuality;
import starmap.core.quality.QualityReport;
import starmap.core.vectors.DenseVectors;
import starmap.testkit.GaussianClusters;

/**
 * The GPU t-SNE's kernels and host code, run on the fake CUDA driver (the kernels compiled for the host):
 * its gradient against the exact one in 2D and 3D, and a whole 2D optimisation against the CPU path on the
 * same affinities and initialisation (exact KL within 2 %, kNN preservation within 0.01), with no device
 * memory left behind. A whole 3D run is not compared: the host emulation transforms a 3D grid of the
 * needed fineness (128³ and up) in over a second per iteration.
 */
class GpuTsneTest {
    private static FakeCuda fake;
    private static Gpu gpu;
    private static Parallel par;

    @BeforeAll
    static void open() {
        fake = FakeCuda.withStarmapKernels();
        gpu = fake.openGpu();
        par = Parallel.of(2);
    }

    @AfterAll
    static void close() {
        if (gpu != null) {
            gpu.close();
            assertThat(fake.liveModules()).isZero();
            assertThat(fake.retainedContexts()).isZero();
        }
        if (par != null) {
            par.close();
        }
    }

    private record Problem(DenseVectors data, SparseAffinities p, double[] init) {
    }

    private static Problem problem(int n, int dim, long seed) {
        GaussianClusters c = GaussianClusters.generate(n, 10, 6, 4, seed);
        DenseVectors data = DenseVectors.wrap(c.vectors(), n, 10);
        double perplexity = Math.min(30, (n - 1) / 3.0);
        KnnGraph knn = new ExactSearch().search(data, (int) (3 * perplexity), Metric.EUCLIDEAN, par, Progress.NONE);
        SparseAffinities p = new PerplexityAffinities(perplexity).fit(knn, par);
        double[] init = new double[n * dim];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < init.length; i++) {
            init[i] = rnd.nextGaussian();
        }
        return new Problem(data, p, init);
    }

    @Test
    void gradient_matches_the_exact_gradient_in_2d_and_3d() {
        for (int dim : new int[] {2, 3}) {
            Problem pr = problem(400, dim, 3);
            double[] y = pr.init();
            for (int c = 0; c < y.length; c++) {
                y[c] *= 3;
            }
            TsneParams params = TsneParams.DEFAULTS.withDimensions(dim);
            long before = fake.liveBytes();
            GpuTsne.Fft fft = new GpuTsne.Fft(3, dim == 2 ? 50 : 12, 1, 4096);
            try (GpuTsne run = new GpuTsne(gpu, pr.p(), y, params, LayoutContext.quiet(par), fft, false)) {
                double[][] parts = run.gradientParts(1);
                double[][] exact = exact(pr.p(), y, dim);
                assertThat(relativeError(parts[0], exact[0])).as("%d-D attraction", dim).isLessThan(1e-4);
                assertThat(relativeError(parts[1], exact[1])).as("%d-D repulsion / Z", dim).isLessThan(dim == 2 ? 2e-3 : 2e-2);
                assertThat(parts[2][0]).as("%d-D Z", dim).isCloseTo(exact[2][0], org.assertj.core.data.Percentage.withPercentage(1));
                assertThat(parts[2][1]).as("%d-D Σ p log w", dim).isCloseTo(exact[2][1], org.assertj.core.data.Offset.offset(1e-4));
            }
            assertThat(fake.liveBytes()).as("device memory after close").isEqualTo(before);
        }
    }

    /**
     * The grid rule decides the accuracy: the repulsion's error against the exact one on a spread-out layout
     * (400 points, Gaussian positions with standard deviation 10 in 2D, 3 in 3D) falls as the boxes narrow.
     * docs/gpu.md quotes the printed errors.
     */
    @Test
    void repulsion_error_falls_as_the_boxes_narrow() {
        for (int dim : new int[] {2, 3}) {
            Problem pr = problem(400, dim, 3);
            double[] y = pr.init();
            for (int c = 0; c < y.length; c++) {
                y[c] *= dim == 2 ? 10 : 3;
            }
            double[][] exact = exact(pr.p(), y, dim);
            double previous = Double.POSITIVE_INFINITY;
            // grid sides are powers of two: these give three different sides in both dimensions
            for (double perUnit : dim == 2 ? new double[] {0.5, 1, 2} : new double[] {0.25, 1, 2}) {
                GpuTsne.Fft fft = new GpuTsne.Fft(3, 1, perUnit, 4096);
                try (GpuTsne run = new GpuTsne(gpu, pr.p(), y, TsneParams.DEFAULTS.withDimensions(dim),
                        LayoutContext.quiet(par), fft, false)) {
                    double error = relativeError(run.gradientParts(1)[1], exact[1]);
                    double extent = Arrays.stream(y).max().orElseThrow() - Arrays.stream(y).min().orElseThrow();
                    System.out.printf("%d-D, extent %.1f, grid side %d: boxes %.2f wide, repulsion error %.2e%n", dim,
                            extent, run.gridSide(), extent / (run.gridSide() / 6), error);
                    assertThat(error).as("%d-D, %s boxes per unit", dim, perUnit).isLessThan(previous);
                    previous = error;
                }
            }
        }
    }

    /** {attr, rep / Z, {Z, Σ p log w}} in double: repulsion and Z by the CPU's exact estimator, P's terms pair by pair. */
    private static double[][] exact(SparseAffinities p, double[] y, int dim) {
        int n = p.size();
        double[] attr = new double[n * dim];
        double[] rep = new double[n * dim];
        ExactRepulsion exact = new ExactRepulsion(dim);
        exact.prepare(y, par);
        double z = exact.accumulate(y, rep, par);
        double logW = 0;
        var m = p.matrix();
        for (int i = 0; i < n; i++) {
            for (int q = m.rowStart(i); q < m.rowEnd(i); q++) {
                int j = m.indexAt(q);
                double d2 = 0;
                for (int a = 0; a < dim; a++) {
                    double t = y[i * dim + a] - y[j * dim + a];
                    d2 += t * t;
                }
                double w = 1 / (1 + d2);
                logW += m.valueAt(q) * Math.log(w);
                for (int a = 0; a < dim; a++) {
                    attr[i * dim + a] += m.valueAt(q) * w * (y[i * dim + a] - y[j * dim + a]);
                }
            }
        }
        for (int c = 0; c < rep.length; c++) {
            rep[c] /= z;
        }
        return new double[][] {attr, rep, {z, logW}};
    }

    private static double relativeError(double[] got, double[] want) {
        double num = 0;
        double den = 0;
        for (int c = 0; c < got.length; c++) {
            num += (got[c] - want[c]) * (got[c] - want[c]);
            den += want[c] * want[c];
        }
        return Math.sqrt(num / den);
    }

    @Test
    void layout_agrees_with_the_cpu_path_in_2d() {
        // FIt-SNE's rule (a box per unit of extent, 3 nodes each) with fewer boxes at least, for the emulation's sake
        agree(2, 600, 400, Approximation.FFT, new GpuTsne.Fft(3, 20, 1, 8192));
    }

    private void agree(int dim, int n, int iterations, Approximation cpuMethod, GpuTsne.Fft fft) {
        Problem pr = problem(n, dim, 7);
        double[] init = pr.init();
        for (int c = 0; c < init.length; c++) {
            init[c] *= 1e-4;
        }
        TsneParams params = new TsneParams.Builder(TsneParams.DEFAULTS).dimensions(dim).iterations(iterations)
                .earlyExaggerationIterations(iterations / 2).approximation(cpuMethod).build();
        LayoutContext ctx = LayoutContext.quiet(par);
        Embedding cpu;
        double cpuKl;
        try (TsneOptimization run = Tsne.optimization(pr.p(), init, params, ctx)) {
            run.finish();
            cpu = run.snapshot();
            cpuKl = run.klDivergence();
        }
        Embedding gpuLayout;
        double gpuKl;
        try (GpuTsne run = new GpuTsne(gpu, pr.p(), init, params, ctx, fft, true)) {
            run.finish();
            gpuLayout = run.snapshot();
            gpuKl = run.klDivergence();
            assertThat(run.iteration()).isEqualTo(iterations);
            System.out.printf("GPU t-SNE %d-D, n = %d: grid side %d, device ms per phase %s%n", dim, n, run.gridSide(),
                    run.phaseMillis());
            assertThat(run.phaseMillis()).containsKeys("spread", "fft", "gather", "attract", "update");
        }
        assertThat(fake.liveEvents()).isZero();
        QualityReport qc = quality(pr, cpu);
        QualityReport qg = quality(pr, gpuLayout);
        double cpuExact = KlDivergence.exact(pr.p(), cpu, par);
        double gpuExact = KlDivergence.exact(pr.p(), gpuLayout, par);
        System.out.printf("%d-D KL exact: CPU %.4f GPU %.4f; estimated during the runs: CPU %.4f GPU %.4f%n", dim,
                cpuExact, gpuExact, cpuKl, gpuKl);
        assertThat(gpuExact).as("exact KL of the GPU layout vs the CPU layout's %s", cpuExact)
                .isCloseTo(cpuExact, org.assertj.core.data.Percentage.withPercentage(2));
        assertThat(qg.knnPreservation()).as("kNN preservation, CPU %s", qc.knnPreservation())
                .isCloseTo(qc.knnPreservation(), org.assertj.core.data.Offset.offset(0.01));
        float[] g = gpuLayout.toArray();
        for (float v : g) {
            assertThat(v).isFinite();
        }
    }

    private static QualityReport quality(Problem pr, Embedding layout) {
        return LayoutQuality.measure(pr.data(), layout, Optional.empty(), Optional.of(pr.p()),
                new LayoutQuality.Options(2000, Math.min(30, pr.p().size() / 4), 1, Metric.EUCLIDEAN), par);
    }
}
