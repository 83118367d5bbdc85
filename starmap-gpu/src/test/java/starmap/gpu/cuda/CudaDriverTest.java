/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import starmap.gpu.FakeCuda;

/** {@link CudaDriver} against the fake CUDA driver ({@link FakeCuda}) and the test kernels. */
class CudaDriverTest {
    private static final Optional<FakeCuda> FAKE = FakeCuda.build(Path.of("src", "test", "c", "test_kernels.cu"));

    /** The fake, started afresh; skips the test without gcc and g++. */
    private static FakeCuda fake() {
        assumeTrue(FAKE.isPresent(), "no gcc or g++ on the PATH to build the fake CUDA driver");
        FakeCuda fake = FAKE.get();
        fake.reset();
        return fake;
    }

    /** The fake driver, initialised, with device 0's primary context current on this thread. */
    private static CudaDriver ready(FakeCuda fake) {
        CudaDriver cuda = fake.driver();
        cuda.init();
        cuda.setCurrent(cuda.retainPrimaryContext(cuda.device(0)));
        return cuda;
    }

    /** The {@code cuLaunchKernel} parameter array: a pointer to each value (an Integer, Float, Long...). */
    private static MemorySegment params(Arena arena, Object... values) {
        MemorySegment array = arena.allocate(ADDRESS, values.length);
        for (int i = 0; i < values.length; i++) {
            MemorySegment value = switch (values[i]) {
                case Integer v -> arena.allocateFrom(JAVA_INT, v);
                case Long v -> arena.allocateFrom(JAVA_LONG, v);
                case Float v -> arena.allocateFrom(JAVA_FLOAT, v);
                case Double v -> arena.allocateFrom(JAVA_DOUBLE, v);
                default -> throw new IllegalArgumentException(String.valueOf(values[i]));
            };
            array.setAtIndex(ADDRESS, i, value);
        }
        return array;
    }

    private static MemorySegment image(Arena arena) {
        return arena.allocateFrom("// PTX the fake does not read\n");
    }

    @Test
    void loads_by_path_and_describes_the_device() {
        FakeCuda fake = fake();
        CudaDriver.Loaded loaded = CudaDriver.load(fake.driverLibrary().toString());
        assertThat(loaded.problem()).isNull();
        CudaDriver cuda = loaded.driver().orElseThrow();
        assertThat(cuda.library()).isEqualTo(fake.driverLibrary().toString());
        assertThat(cuda.driverVersion()).isEqualTo(13000);

        cuda.init();
        assertThat(cuda.deviceCount()).isEqualTo(1);
        int device = cuda.device(0);
        assertThat(cuda.deviceName(device)).isEqualTo("Starmap fake CUDA device");
        assertThat(cuda.attribute(device, CudaDriver.ATTRIBUTE_MULTIPROCESSOR_COUNT)).isEqualTo(132);
        assertThat(cuda.attribute(device, CudaDriver.ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR)).isEqualTo(9);
        assertThat(cuda.attribute(device, CudaDriver.ATTRIBUTE_COMPUTE_CAPABILITY_MINOR)).isZero();
        assertThat(cuda.totalMemory(device)).isEqualTo(1L << 34);

        MemorySegment context = cuda.retainPrimaryContext(device);
        assertThat(context).isNotEqualTo(MemorySegment.NULL);
        assertThat(fake.retainedContexts()).isEqualTo(1);
        cuda.setCurrent(context);
        assertThat(cuda.memoryInfo()).containsExactly(1L << 34, 1L << 34);
        long p = cuda.malloc(1000);
        assertThat(cuda.memoryInfo()).containsExactly((1L << 34) - 1000, 1L << 34);
        cuda.free(p);
        cuda.synchronize();
        cuda.releasePrimaryContext(device);
        assertThat(fake.retainedContexts()).isZero();
    }

    @Test
    void runs_kernels_on_the_host() {
        FakeCuda fake = fake();
        CudaDriver cuda = ready(fake);
        int n = 1000;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(JAVA_FLOAT, n);
            long x = cuda.malloc(4L * n);
            long y = cuda.malloc(4L * n);
            long sum = cuda.malloc(4);
            long count = cuda.malloc(8);
            long max = cuda.malloc(4);
            assertThat(fake.liveAllocations()).isEqualTo(5);
            assertThat(fake.liveBytes()).isEqualTo(8L * n + 16);

            for (int i = 0; i < n; i++) {
                host.setAtIndex(JAVA_FLOAT, i, i);
            }
            cuda.copyToDevice(x, host, 4L * n);
            for (int i = 0; i < n; i++) {
                host.setAtIndex(JAVA_FLOAT, i, 2 * i);
            }
            cuda.copyToDevice(y, host, 4L * n);
            cuda.memset(sum, (byte) 0, 4);
            cuda.memset(count, (byte) 0, 8);
            cuda.memset(max, (byte) 0, 4);

            MemorySegment module = cuda.loadModule(image(arena));
            MemorySegment saxpy = cuda.function(module, "saxpy");
            MemorySegment sumKernel = cuda.function(module, "sum");
            MemorySegment start = cuda.createEvent();
            MemorySegment end = cuda.createEvent();
            cuda.recordEvent(start);
            cuda.launch("saxpy", saxpy, (n + 255) / 256, 256, params(arena, n, 0.5f, x, y));
            cuda.launch("sum", sumKernel, 132, 256, params(arena, (long) n, x, sum, count, max));
            cuda.recordEvent(end);
            assertThat(cuda.elapsedMillis(start, end)).isGreaterThanOrEqualTo(0f);
            cuda.synchronize();
            assertThat(fake.launches()).isEqualTo(2);

            cuda.copyToHost(host, y, 4L * n);
            for (int i = 0; i < n; i++) {
                assertThat(host.getAtIndex(JAVA_FLOAT, i)).isEqualTo(2.5f * i);
            }
            MemorySegment out = arena.allocate(16);
            cuda.copyToHost(out, sum, 4);
            cuda.copyToHost(out.asSlice(4), max, 4);
            cuda.copyToHost(out.asSlice(8), count, 8);
            assertThat(out.get(JAVA_FLOAT, 0)).isEqualTo(n * (n - 1) / 2f);
            assertThat(Float.intBitsToFloat(out.get(JAVA_INT, 4))).isEqualTo(n - 1f);
            assertThat(out.get(JAVA_LONG, 8)).isEqualTo(n);

            // y[0, n/2) = x[n/2, n) on the device, then zeroes in y's last 4 bytes.
            cuda.copyOnDevice(y, x + 2L * n, 2L * n);
            cuda.memset(y + 4L * (n - 1), (byte) 0, 4);
            cuda.copyToHost(host, y, 4L * n);
            assertThat(host.getAtIndex(JAVA_FLOAT, 0)).isEqualTo(n / 2f);
            assertThat(host.getAtIndex(JAVA_FLOAT, n / 2 - 1)).isEqualTo(n - 1f);
            assertThat(host.getAtIndex(JAVA_FLOAT, n / 2)).isEqualTo(2.5f * (n / 2));
            assertThat(host.getAtIndex(JAVA_FLOAT, n - 1)).isZero();

            cuda.destroyEvent(start);
            cuda.destroyEvent(end);
            cuda.unloadModule(module);
            for (long p : new long[] {x, y, sum, count, max}) {
                cuda.free(p);
            }
        }
        cuda.releasePrimaryContext(0);
        assertThat(fake.liveBytes()).isZero();
        assertThat(fake.liveAllocations()).isZero();
        assertThat(fake.liveModules()).isZero();
        assertThat(fake.liveEvents()).isZero();
        assertThat(fake.retainedContexts()).isZero();
    }

    @Test
    void computes_the_math_built_ins() {
        FakeCuda fake = fake();
        CudaDriver cuda = ready(fake);
        double[] xs = {0.25, 0.5, 1, 2, 4};
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocateFrom(JAVA_DOUBLE, xs);
            long x = cuda.malloc(8L * xs.length);
            long out = cuda.malloc(24L * xs.length);
            long total = cuda.malloc(8);
            cuda.copyToDevice(x, host, 8L * xs.length);
            cuda.memset(total, (byte) 0, 8);
            MemorySegment module = cuda.loadModule(image(arena));
            cuda.launch("math", cuda.function(module, "math"), 1, 32, params(arena, xs.length, x, out, total));
            MemorySegment result = arena.allocate(JAVA_DOUBLE, 3L * xs.length + 1);
            cuda.copyToHost(result, out, 24L * xs.length);
            cuda.copyToHost(result.asSlice(24L * xs.length), total, 8);
            for (int i = 0; i < xs.length; i++) {
                assertThat(result.getAtIndex(JAVA_DOUBLE, 3 * i)).isCloseTo(Math.sin(Math.PI * xs[i]),
                        within(1e-15));
                assertThat(result.getAtIndex(JAVA_DOUBLE, 3 * i + 1)).isCloseTo(Math.cos(Math.PI * xs[i]),
                        within(1e-15));
                assertThat(result.getAtIndex(JAVA_DOUBLE, 3 * i + 2)).isEqualTo(1 / Math.sqrt(xs[i]));
            }
            assertThat(result.getAtIndex(JAVA_DOUBLE, 3 * 2)).isZero(); // sin(pi) exactly
            assertThat(result.getAtIndex(JAVA_DOUBLE, 3L * xs.length)).isEqualTo(7.75);
            cuda.unloadModule(module);
            cuda.free(x);
            cuda.free(out);
            cuda.free(total);
        }
        assertThat(fake.liveBytes()).isZero();
    }

    @Test
    void new_memory_is_not_zero() {
        CudaDriver cuda = ready(fake());
        long p = cuda.malloc(8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(8);
            cuda.copyToHost(host, p, 8);
            assertThat(host.get(JAVA_FLOAT, 0)).isNaN();
            assertThat(host.get(JAVA_INT, 4)).isEqualTo(-1);
        }
        cuda.free(p);
    }

    @Test
    void init_failure_names_the_call_and_the_result() {
        FakeCuda fake = fake();
        fake.configure(CudaResult.ERROR_NO_DEVICE, 0, 0, 0);
        CudaDriver cuda = fake.driver();
        assertThatThrownBy(cuda::init).isInstanceOfSatisfying(CudaException.class, e -> {
            assertThat(e).hasMessage("cuInit failed: CUDA_ERROR_NO_DEVICE (100): no CUDA-capable device is detected");
            assertThat(e.result()).isEqualTo(100);
            assertThat(e.call()).isEqualTo("cuInit");
            assertThat(e.resultName()).isEqualTo("CUDA_ERROR_NO_DEVICE");
        });
        assertThatThrownBy(cuda::deviceCount).isInstanceOfSatisfying(CudaException.class,
                e -> assertThat(e.result()).isEqualTo(CudaResult.ERROR_NOT_INITIALIZED));
    }

    @Test
    void allocating_more_than_the_device_has_fails() {
        FakeCuda fake = fake();
        fake.configure(0, 1, 1 << 20, 0);
        CudaDriver cuda = ready(fake);
        assertThatThrownBy(() -> cuda.malloc(2 << 20)).isInstanceOfSatisfying(CudaException.class, e -> {
            assertThat(e).hasMessage("cuMemAlloc_v2 failed: CUDA_ERROR_OUT_OF_MEMORY (2): out of memory");
            assertThat(e.result()).isEqualTo(CudaResult.ERROR_OUT_OF_MEMORY);
        });
        long p = cuda.malloc(1 << 20);
        assertThatThrownBy(() -> cuda.malloc(1)).hasMessageContaining("CUDA_ERROR_OUT_OF_MEMORY");
        cuda.free(p);
        cuda.free(cuda.malloc(1 << 20));
        assertThat(fake.liveBytes()).isZero();
    }

    @Test
    void bad_memory_calls_are_invalid_values() {
        FakeCuda fake = fake();
        CudaDriver cuda = ready(fake);
        long p = cuda.malloc(16);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(32);
            assertThatThrownBy(() -> cuda.copyToDevice(p, host, 32)).hasMessageStartingWith(
                    "cuMemcpyHtoD_v2 failed: CUDA_ERROR_INVALID_VALUE (1)");
            assertThatThrownBy(() -> cuda.copyToHost(host, p + 8, 9)).hasMessageStartingWith("cuMemcpyDtoH_v2");
            assertThatThrownBy(() -> cuda.memset(host.address(), (byte) 0, 1)).hasMessageStartingWith(
                    "cuMemsetD8_v2");
            assertThatThrownBy(() -> cuda.free(p + 8)).isInstanceOfSatisfying(CudaException.class,
                    e -> assertThat(e.result()).isEqualTo(CudaResult.ERROR_INVALID_VALUE));
        }
        cuda.free(p);
        assertThatThrownBy(() -> cuda.free(p)).hasMessageStartingWith("cuMemFree_v2 failed");
    }

    @Test
    void calls_need_a_current_context_on_the_calling_thread() throws InterruptedException {
        FakeCuda fake = fake();
        CudaDriver cuda = fake.driver();
        cuda.init();
        assertThatThrownBy(() -> cuda.malloc(4)).isInstanceOfSatisfying(CudaException.class,
                e -> assertThat(e.result()).isEqualTo(201));
        cuda.setCurrent(cuda.retainPrimaryContext(0));
        cuda.free(cuda.malloc(4));
        AtomicReference<Throwable> other = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                cuda.malloc(4);
            } catch (CudaException e) {
                other.set(e);
            }
        });
        thread.start();
        thread.join();
        assertThat(other.get()).hasMessageStartingWith("cuMemAlloc_v2 failed: CUDA_ERROR_INVALID_CONTEXT (201)");
        cuda.releasePrimaryContext(0);
        assertThatThrownBy(() -> cuda.malloc(4)).hasMessageContaining("CUDA_ERROR_CONTEXT_IS_DESTROYED");
    }

    @Test
    void launch_configurations_are_checked() {
        CudaDriver cuda = ready(fake());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment module = cuda.loadModule(image(arena));
            MemorySegment saxpy = cuda.function(module, "saxpy");
            MemorySegment params = params(arena, 0, 1f, 0L, 0L);
            cuda.launch("saxpy", saxpy, 1, 1024, params);
            assertThatThrownBy(() -> cuda.launch("saxpy", saxpy, 0, 256, params)).hasMessage(
                    "cuLaunchKernel(saxpy) failed: CUDA_ERROR_INVALID_VALUE (1): invalid argument");
            assertThatThrownBy(() -> cuda.launch("saxpy", saxpy, 1, 0, params)).hasMessageContaining(
                    "CUDA_ERROR_INVALID_VALUE");
            assertThatThrownBy(() -> cuda.launch("saxpy", saxpy, 1, 2048, params)).hasMessageContaining(
                    "CUDA_ERROR_INVALID_VALUE");
            // No parameter array: right for a kernel without parameters only.
            cuda.launch("nothing", cuda.function(module, "nothing"), 1, 1, MemorySegment.NULL);
            assertThatThrownBy(() -> cuda.launch("saxpy", saxpy, 1, 256, MemorySegment.NULL)).hasMessageContaining(
                    "CUDA_ERROR_INVALID_VALUE");
            cuda.unloadModule(module);
            assertThatThrownBy(() -> cuda.launch("saxpy", saxpy, 1, 256, params)).hasMessageContaining(
                    "CUDA_ERROR_INVALID_HANDLE");
        }
    }

    @Test
    void an_unknown_kernel_is_named() {
        CudaDriver cuda = ready(fake());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment module = cuda.loadModule(image(arena));
            assertThatThrownBy(() -> cuda.function(module, "no_such_kernel")).isInstanceOfSatisfying(
                    CudaException.class, e -> {
                        assertThat(e).hasMessage("cuModuleGetFunction(no_such_kernel) failed: CUDA_ERROR_NOT_FOUND "
                                + "(500): named symbol not found");
                        assertThat(e.call()).isEqualTo("cuModuleGetFunction(no_such_kernel)");
                    });
            cuda.unloadModule(module);
        }
    }

    @Test
    void a_module_load_failure_is_reported() {
        FakeCuda fake = fake();
        fake.configure(0, 1, 1L << 30, CudaResult.ERROR_UNSUPPORTED_PTX_VERSION);
        CudaDriver cuda = ready(fake);
        try (Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> cuda.loadModule(image(arena))).isInstanceOfSatisfying(CudaException.class,
                    e -> {
                        assertThat(e.result()).isEqualTo(222);
                        assertThat(e).hasMessageStartingWith("cuModuleLoadData failed: "
                                + "CUDA_ERROR_UNSUPPORTED_PTX_VERSION (222): ");
                    });
        }
        assertThat(fake.liveModules()).isZero();
    }

    @Test
    void unknown_results_are_named_by_the_table() {
        CudaDriver cuda = fake().driver();
        assertThat(cuda.errorName(12345)).isEqualTo("CUresult 12345");
        assertThat(cuda.errorString(12345)).isNull();
        assertThat(cuda.errorName(222)).isEqualTo("CUDA_ERROR_UNSUPPORTED_PTX_VERSION");
        assertThat(cuda.errorString(0)).isEqualTo("no error");
        assertThatThrownBy(() -> cuda.check("cuSomething", 12345)).hasMessage("cuSomething failed: CUresult 12345 "
                + "(12345)");
        assertThat(CudaResult.name(222)).isEqualTo("CUDA_ERROR_UNSUPPORTED_PTX_VERSION");
        assertThat(CudaResult.name(100)).isEqualTo("CUDA_ERROR_NO_DEVICE");
        assertThat(CudaResult.name(-1)).isEqualTo("CUresult -1");
    }

    @Test
    void a_missing_library_is_a_problem_not_an_error() {
        CudaDriver.Loaded loaded = CudaDriver.load("/nonexistent/libcuda.so.1");
        assertThat(loaded.driver()).isEmpty();
        assertThat(loaded.problem()).isEqualTo("no NVIDIA driver: /nonexistent/libcuda.so.1 could not be loaded");
    }

    @Test
    void a_library_without_the_driver_functions_is_a_problem() {
        FakeCuda fake = fake();
        CudaDriver.Loaded loaded = CudaDriver.load(fake.kernelLibrary().toString());
        assertThat(loaded.driver()).isEmpty();
        assertThat(loaded.problem()).isEqualTo(fake.kernelLibrary() + " has no cuInit (a driver older than CUDA 12?)");
    }

    @Test
    void without_an_nvidia_driver_the_default_library_is_missing() {
        CudaDriver.Loaded loaded = CudaDriver.load(CudaDriver.DEFAULT_LIBRARY);
        assumeTrue(loaded.driver().isEmpty(), "this machine has an NVIDIA driver");
        assertThat(loaded.problem()).isEqualTo("no NVIDIA driver: libcuda.so.1 could not be loaded");
    }
}
