/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import starmap.core.InvalidInputException;
import starmap.core.device.Accelerators;
import starmap.core.device.Device;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.tsne.Approximation;
import starmap.core.layout.tsne.Tsne;
import starmap.core.layout.tsne.TsneParams;
import starmap.core.layout.tsne.TsneResult;
import starmap.core.parallel.Parallel;
import starmap.core.vectors.DenseVectors;
import starmap.gpu.cuda.FakeNvrtc;
import starmap.gpu.cuda.Nvrtc;
import starmap.testkit.GaussianClusters;

/**
 * Choosing the device: no driver, a driver without a device, PTX the driver rejects (NVRTC or a clear
 * error), and the whole t-SNE recipe on the (fake) GPU with one note.
 */
class CudaAcceleratorTest {
    private final List<String> notes = new ArrayList<>();
    private FakeCuda fake;

    @BeforeEach
    void setUp() {
        fake = FakeCuda.withStarmapKernels();
        Accelerators.noticesTo(notes::add);
    }

    @AfterEach
    void tearDown() {
        Accelerators.install(List.of());
        Accelerators.noticesTo(s -> System.err.println("note: " + s));
        System.clearProperty(Nvrtc.LIBRARY_PROPERTY);
        if (fake != null) {
            fake.reset();
        }
    }

    @Test
    void no_driver_runs_on_the_cpu_and_says_so_once() {
        CudaAccelerator acc = new CudaAccelerator("/nonexistent/libcuda.so.1");
        assertThat(acc.problem()).isEqualTo("no NVIDIA driver: /nonexistent/libcuda.so.1 could not be loaded");
        Accelerators.install(List.of(acc));
        assertThat(Accelerators.pick(Device.AUTO, 100_000)).isEmpty();
        assertThat(Accelerators.pick(Device.AUTO, 100_000)).isEmpty();
        assertThat(notes).containsExactly("no usable GPU (no NVIDIA driver: /nonexistent/libcuda.so.1 could not be "
                + "loaded); running on the CPU");
        assertThatThrownBy(() -> Accelerators.pick(Device.GPU, 10))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--device")
                .hasMessageContaining("no GPU is usable: no NVIDIA driver");
        assertThat(Accelerators.pick(Device.CPU, 100_000)).isEmpty();
    }

    @Test
    void a_driver_without_a_device_is_a_named_cuda_error() {
        fake.configure(100, 0, 1L << 30, 0);
        CudaAccelerator acc = new CudaAccelerator(fake.driverLibrary().toString());
        assertThat(acc.problem()).startsWith("cuInit failed: CUDA_ERROR_NO_DEVICE (100)");
        fake.configure(0, 0, 1L << 30, 0);
        assertThat(new CudaAccelerator(fake.driverLibrary().toString()).problem())
                .contains("CUDA_ERROR_NO_DEVICE").contains("0 CUDA devices");
    }

    @Test
    void rejected_ptx_is_compiled_by_nvrtc_or_explained() {
        fake.configure(0, 1, 1L << 30, 222);
        System.setProperty(Nvrtc.LIBRARY_PROPERTY, "/nonexistent/libnvrtc.so");
        CudaAccelerator without = new CudaAccelerator(fake.driverLibrary().toString());
        assertThat(without.problem())
                .contains("rejected Starmap's PTX")
                .contains("CUDA_ERROR_UNSUPPORTED_PTX_VERSION (222)")
                .contains("NVRTC")
                .contains("/nonexistent/libnvrtc.so");
        Optional<Path> nvrtc = FakeNvrtc.library();
        assumeThat(nvrtc).as("gcc and nvcc build the fake NVRTC").isPresent();
        System.setProperty(Nvrtc.LIBRARY_PROPERTY, nvrtc.get().toString());
        // the fake driver rejects only the first load; the second (NVRTC's PTX) succeeds
        fake.configure(0, 1, 1L << 30, -222);
        CudaAccelerator with = new CudaAccelerator(fake.driverLibrary().toString());
        assertThat(with.problem()).isNull();
        assertThat(with.gpu().kernelOrigin()).isEqualTo("nvrtc");
        assertThat(with.description()).contains("kernels from nvrtc").contains("compute 9.0");
        with.gpu().close();
    }

    @Test
    void tsne_recipe_runs_on_the_gpu_when_asked_and_auto_keeps_small_problems_on_the_cpu() {
        CudaAccelerator acc = new CudaAccelerator(fake.driverLibrary().toString());
        Accelerators.install(List.of(acc));
        int n = 1200;
        DenseVectors data = DenseVectors.wrap(GaussianClusters.generate(n, 12, 5, 4, 2).vectors(), n, 12);
        TsneParams p = new TsneParams.Builder(TsneParams.DEFAULTS).iterations(300).earlyExaggerationIterations(100).build();
        try (Parallel par = Parallel.of(2)) {
            LayoutContext ctx = LayoutContext.quiet(par);
            TsneResult auto = Tsne.run(data, p, ctx.withDevice(Device.AUTO));
            assertThat(auto.details()).containsEntry("approximation", "bh").containsEntry("knn", "exact");
            assertThat(notes).isEmpty();
            TsneResult gpu = Tsne.run(data, p, ctx.withDevice(Device.GPU));
            assertThat(gpu.details()).containsEntry("approximation", "fft-gpu").containsEntry("knn", "exact-gpu");
            assertThat(gpu.embedding().size()).isEqualTo(n);
            assertThat(gpu.klDivergence()).isFinite().isLessThan(auto.klDivergence() * 1.5);
            assertThat(notes).hasSize(1);
            assertThat(notes.getFirst()).startsWith("running on the GPU: Starmap fake CUDA device (compute 9.0");
            assertThatThrownBy(() -> Tsne.run(data, p.withApproximation(Approximation.BARNES_HUT), ctx.withDevice(Device.GPU)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("bh runs on the CPU only");
            assertThat(fake.liveBytes()).as("device memory after the runs").isZero();
        } finally {
            acc.gpu().close();
        }
    }

    @Test
    void under_auto_a_gpu_that_fails_hands_the_work_to_the_cpu() {
        CudaAccelerator acc = new CudaAccelerator(fake.driverLibrary().toString());
        Accelerators.install(List.of(acc));
        int n = Accelerators.AUTO_MIN_POINTS;
        DenseVectors data = DenseVectors.wrap(GaussianClusters.generate(n, 8, 5, 4, 3).vectors(), n, 8);
        TsneParams p = new TsneParams.Builder(TsneParams.DEFAULTS).iterations(60).earlyExaggerationIterations(30).build();
        fake.setMemory(fake.liveBytes() + 4096);
        try (Parallel par = Parallel.of(2)) {
            TsneResult r = Tsne.run(data, p, LayoutContext.quiet(par).withDevice(Device.AUTO));
            assertThat(r.details()).containsEntry("approximation", "bh");
            assertThat(r.embedding().size()).isEqualTo(n);
            assertThat(notes).hasSize(3);
            assertThat(notes.get(1)).startsWith("the GPU's kNN search failed (cuMemAlloc_v2 failed: "
                    + "CUDA_ERROR_OUT_OF_MEMORY (2)").endsWith("; searching on the CPU");
            assertThat(notes.get(2)).startsWith("t-SNE could not start on the GPU (cuMemAlloc_v2 failed: "
                    + "CUDA_ERROR_OUT_OF_MEMORY (2)").endsWith("; running on the CPU");
            assertThat(fake.liveBytes()).isZero();
        } finally {
            fake.setMemory(1L << 34);
            acc.gpu().close();
        }
    }
}
