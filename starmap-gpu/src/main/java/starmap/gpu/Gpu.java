/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import starmap.core.StarmapException;
import starmap.gpu.cuda.CudaDriver;
import starmap.gpu.cuda.CudaException;
import starmap.gpu.cuda.CudaResult;
import starmap.gpu.cuda.Nvrtc;

/**
 * One CUDA device opened for Starmap: its primary context, the kernels module (the committed PTX, or
 * the CUDA C source compiled by NVRTC when the driver rejects that PTX), and launches of 1D grid-stride
 * kernels. Every public operation makes the context current on the calling thread first, so one Gpu can
 * be used from any thread, one at a time ({@code synchronized}).
 */
public final class Gpu implements AutoCloseable {
    /** Threads per block of every launch. */
    public static final int BLOCK = 256;
    /** Blocks per multiprocessor a grid-stride launch asks for at most. */
    static final int BLOCKS_PER_SM = 16;
    static final String PTX = "/starmap/gpu/kernels.ptx";
    static final String SOURCE = "/starmap/gpu/kernels.cu";
    /** What the driver says when the PTX is too new for it or not for this device: NVRTC can help. */
    private static final Set<Integer> PTX_REJECTED = Set.of(CudaResult.ERROR_UNSUPPORTED_PTX_VERSION,
            CudaResult.ERROR_INVALID_PTX, CudaResult.ERROR_NO_BINARY_FOR_GPU, CudaResult.ERROR_JIT_COMPILER_NOT_FOUND);

    private final CudaDriver cu;
    private final int device;
    private final MemorySegment context;
    private final MemorySegment module;
    private final Map<String, MemorySegment> functions = new HashMap<>();
    private final String name;
    private final int major;
    private final int minor;
    private final int multiprocessors;
    private final long totalMemory;
    private final int driverVersion;
    private final String kernelOrigin;
    private boolean closed;

    private Gpu(CudaDriver cu, int ordinal) {
        this.cu = cu;
        cu.init();
        int count = cu.deviceCount();
        if (count <= ordinal) {
            throw new CudaException("cuDeviceGetCount", CudaResult.ERROR_NO_DEVICE, CudaResult.name(CudaResult.ERROR_NO_DEVICE),
                    count + " CUDA devices");
        }
        this.device = cu.device(ordinal);
        this.name = cu.deviceName(device);
        this.major = cu.attribute(device, CudaDriver.ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        this.minor = cu.attribute(device, CudaDriver.ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        this.multiprocessors = cu.attribute(device, CudaDriver.ATTRIBUTE_MULTIPROCESSOR_COUNT);
        this.totalMemory = cu.totalMemory(device);
        this.driverVersion = cu.driverVersion();
        this.context = cu.retainPrimaryContext(device);
        try {
            cu.setCurrent(context);
            String[] origin = new String[1];
            this.module = loadKernels(origin);
            this.kernelOrigin = origin[0];
        } catch (RuntimeException e) {
            cu.releasePrimaryContext(device);
            throw e;
        }
    }

    /** Opens device {@code ordinal} with {@code cu} (initialising the driver). */
    public static Gpu open(CudaDriver cu, int ordinal) {
        return new Gpu(cu, ordinal);
    }

    private MemorySegment loadKernels(String[] origin) {
        try (Arena a = Arena.ofConfined()) {
            origin[0] = "ptx";
            return cu.loadModule(a.allocateFrom(resource(PTX)));
        } catch (CudaException e) {
            if (!PTX_REJECTED.contains(e.result())) {
                throw e;
            }
            Nvrtc.Loaded nvrtc = Nvrtc.load();
            if (nvrtc.nvrtc().isEmpty()) {
                throw new StarmapException("the CUDA driver rejected Starmap's PTX (" + e.getMessage()
                        + ") and NVRTC, which would compile the kernels for this device, is not available: "
                        + nvrtc.problem(), e);
            }
            int[] v = nvrtc.nvrtc().get().version();
            if (v[0] * 1000 + v[1] * 10 > driverVersion) {
                throw new StarmapException("the CUDA driver rejected Starmap's PTX (" + e.getMessage() + "), and "
                        + nvrtc.nvrtc().get().library() + " (NVRTC " + v[0] + "." + v[1] + ") is newer than the driver (CUDA "
                        + driverVersion / 1000 + "." + driverVersion % 1000 / 10 + "), so its PTX would be rejected too; "
                        + "point -D" + Nvrtc.LIBRARY_PROPERTY + " at an NVRTC no newer than the driver, or update the driver", e);
            }
            String ptx = nvrtc.nvrtc().get().compile(resource(SOURCE), "kernels.cu", Nvrtc.optionsFor(major, minor));
            try (Arena a = Arena.ofConfined()) {
                origin[0] = "nvrtc";
                return cu.loadModule(a.allocateFrom(ptx));
            }
        }
    }

    static String resource(String path) {
        try (InputStream in = Gpu.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the starmap-gpu jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CudaDriver driver() {
        return cu;
    }

    /** Makes this device's context current on the calling thread. */
    public synchronized void bind() {
        ensureOpen();
        cu.setCurrent(context);
    }

    /** Allocates {@code bytes} of device memory (not initialised). */
    public synchronized DeviceBuffer allocate(long bytes) {
        bind();
        return new DeviceBuffer(this, cu.malloc(bytes), bytes);
    }

    /** Allocates {@code count} floats. */
    public DeviceBuffer floats(long count) {
        return allocate(count * Float.BYTES);
    }

    /** {free, total} bytes on the device. */
    public synchronized long[] memory() {
        bind();
        return cu.memoryInfo();
    }

    /**
     * Launches kernel {@code kernel} over {@code work} items (a grid-stride kernel: at most
     * {@value #BLOCKS_PER_SM} blocks of {@value #BLOCK} threads per multiprocessor). Arguments are
     * {@link DeviceBuffer}s (their pointers), {@code Integer}, {@code Long}, {@code Float} and
     * {@code Double} values, in the kernel's parameter order.
     */
    public synchronized void launch(String kernel, long work, Object... args) {
        bind();
        MemorySegment fn = functions.computeIfAbsent(kernel, k -> cu.function(module, k));
        long blocks = Math.max(1, Math.min((work + BLOCK - 1) / BLOCK, (long) multiprocessors * BLOCKS_PER_SM));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = a.allocate(ADDRESS, args.length);
            for (int i = 0; i < args.length; i++) {
                params.setAtIndex(ADDRESS, i, argument(a, kernel, i, args[i]));
            }
            cu.launch(kernel, fn, (int) blocks, BLOCK, params);
        }
    }

    private static MemorySegment argument(Arena a, String kernel, int i, Object arg) {
        return switch (arg) {
            case DeviceBuffer b -> a.allocateFrom(JAVA_LONG, b.pointer());
            case Integer v -> a.allocateFrom(JAVA_INT, v);
            case Long v -> a.allocateFrom(JAVA_LONG, v);
            case Float v -> a.allocateFrom(JAVA_FLOAT, v);
            case Double v -> a.allocateFrom(JAVA_DOUBLE, v);
            default -> throw new IllegalArgumentException("argument " + i + " of " + kernel + " is a "
                    + arg.getClass().getSimpleName() + "; expected a DeviceBuffer, Integer, Long, Float or Double");
        };
    }

    /** Waits for every launch so far; reports the errors of asynchronous work. */
    public synchronized void synchronize() {
        bind();
        cu.synchronize();
    }

    /** A timer of device work between two points of the launch stream (CUDA events). */
    public synchronized Timer timer() {
        bind();
        MemorySegment start = cu.createEvent();
        try {
            return new Timer(start, cu.createEvent());
        } catch (RuntimeException e) {
            cu.destroyEvent(start);
            throw e;
        }
    }

    /** Two CUDA events: {@link #start}, {@link #stop}, then {@link #millis} waits and measures. */
    public final class Timer implements AutoCloseable {
        private final MemorySegment start;
        private final MemorySegment stop;

        private Timer(MemorySegment start, MemorySegment stop) {
            this.start = start;
            this.stop = stop;
        }

        public void start() {
            synchronized (Gpu.this) {
                bind();
                cu.recordEvent(start);
            }
        }

        public void stop() {
            synchronized (Gpu.this) {
                bind();
                cu.recordEvent(stop);
            }
        }

        public float millis() {
            synchronized (Gpu.this) {
                bind();
                return cu.elapsedMillis(start, stop);
            }
        }

        @Override
        public void close() {
            synchronized (Gpu.this) {
                bind();
                cu.destroyEvent(start);
                cu.destroyEvent(stop);
            }
        }
    }

    public String name() {
        return name;
    }

    /** Compute capability, e.g. {9, 0}. */
    public int[] computeCapability() {
        return new int[] {major, minor};
    }

    public int multiprocessors() {
        return multiprocessors;
    }

    public long totalMemory() {
        return totalMemory;
    }

    /** "ptx" when the committed PTX loaded, "nvrtc" when the kernels were compiled at run time. */
    public String kernelOrigin() {
        return kernelOrigin;
    }

    /** E.g. "NVIDIA H100 80GB HBM3 (compute 9.0, 79.1 GiB, 132 SMs, CUDA driver 12.8, kernels from ptx)". */
    public String description() {
        return String.format(Locale.ROOT, "%s (compute %d.%d, %.1f GiB, %d SMs, CUDA driver %d.%d, kernels from %s)",
                name, major, minor, totalMemory / (double) (1L << 30), multiprocessors, driverVersion / 1000,
                driverVersion % 1000 / 10, kernelOrigin);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("GPU already closed");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                cu.setCurrent(context);
                cu.unloadModule(module);
            } finally {
                cu.releasePrimaryContext(device);
            }
        }
    }
}
