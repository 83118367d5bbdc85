/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import starmap.core.graph.KnnGraph;
import starmap.core.knn.ExactSearch;
import starmap.core.knn.Metric;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.vectors.DenseVectors;
import starmap.gpu.cuda.CudaException;
import starmap.testkit.GaussianClusters;

/** The GPU's exact kNN (kernels on the fake CUDA driver) against the CPU's exact search. */
class GpuKnnTest {
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
        }
        if (par != null) {
            par.close();
        }
    }

    private static DenseVectors data(int n, int d) {
        return DenseVectors.wrap(GaussianClusters.generate(n, d, 8, 3, 11).vectors(), n, d);
    }

    @Test
    void equals_the_cpu_exact_search_in_one_block_and_streamed() {
        DenseVectors x = data(2500, 37);
        for (Metric metric : new Metric[] {Metric.EUCLIDEAN, Metric.COSINE}) {
            KnnGraph cpu = new ExactSearch().search(x, 15, metric, par, Progress.NONE);
            KnnGraph whole = new GpuKnn(gpu, 0).search(x, 15, metric, par, Progress.NONE);
            // 2,500 rows of 148 bytes against a 300 kB budget: blocks of 1,024 rows, queries and references streamed
            KnnGraph streamed = new GpuKnn(gpu, 300_000).search(x, 15, metric, par, Progress.NONE);
            assertThat(streamed).as("streamed equals one block, %s", metric).isEqualTo(whole);
            int same = 0;
            for (int i = 0; i < x.size(); i++) {
                for (int j = 0; j < 15; j++) {
                    same += cpu.neighbor(i, j) == whole.neighbor(i, j) ? 1 : 0;
                    assertThat(whole.distance(i, j)).isCloseTo(cpu.distance(i, j),
                            org.assertj.core.data.Offset.offset(1e-4f + 1e-4f * cpu.distance(i, j)));
                }
            }
            assertThat(same / (2500.0 * 15)).as("same neighbour at the same rank, %s", metric).isGreaterThan(0.999);
        }
        assertThat(fake.liveBytes()).as("device memory after the searches").isEqualTo(0);
    }

    @Test
    void k_is_clamped_and_large_k_or_inner_product_run_on_the_cpu() {
        DenseVectors x = data(40, 5);
        KnnGraph g = new GpuKnn(gpu, 0).search(x, 100, Metric.EUCLIDEAN, par, Progress.NONE);
        assertThat(g.k()).isEqualTo(39);
        KnnGraph cpu = new ExactSearch().search(x, 100, Metric.EUCLIDEAN, par, Progress.NONE);
        for (int i = 0; i < 40; i++) {
            assertThat(g.neighbors(i)).as("row %d: every other point", i).containsExactlyInAnyOrder(cpu.neighbors(i));
        }
        DenseVectors big = data(300, 5);
        long launches = fake.launches();
        KnnGraph wide = new GpuKnn(gpu, 0).search(big, GpuKnn.MAX_K + 1, Metric.EUCLIDEAN, par, Progress.NONE);
        assertThat(fake.launches()).as("k above MAX_K searched on the CPU").isEqualTo(launches);
        assertThat(wide.k()).isEqualTo(GpuKnn.MAX_K + 1);
        assertThat(GpuKnn.supports(Metric.INNER_PRODUCT)).isFalse();
    }

    @Test
    void out_of_device_memory_is_a_cuda_error_and_frees_what_was_allocated() {
        DenseVectors x = data(2000, 16);
        fake.setMemory(fake.liveBytes() + 200_000);
        try {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(
                    () -> new GpuKnn(gpu, 10_000_000).search(x, 10, Metric.EUCLIDEAN, par, Progress.NONE)))
                    .isInstanceOf(CudaException.class)
                    .hasMessageContaining("cuMemAlloc_v2 failed: CUDA_ERROR_OUT_OF_MEMORY (2)");
            assertThat(fake.liveBytes()).isZero();
        } finally {
            fake.setMemory(1L << 34);
        }
    }
}
