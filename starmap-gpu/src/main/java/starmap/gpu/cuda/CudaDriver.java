/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu.cuda;

import static starmap.gpu.cuda.NativeCalls.bind;
import static starmap.gpu.cuda.NativeCalls.rethrow;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The CUDA driver API ({@code libcuda.so.1}, installed with the NVIDIA driver) through the Java FFM API:
 * the few dozen calls Starmap needs, each checked, an error turned into a {@link CudaException} naming
 * the call and the {@code CUresult}. Handles (contexts, modules, functions, events) are
 * {@link MemorySegment} addresses; device pointers ({@code CUdeviceptr}) are {@code long}s.
 *
 * <p>Where the CUDA 12 headers map a plain name to a {@code _v2} entry point, the {@code _v2} one is
 * bound; {@code cuEventElapsedTime} is the original entry point (CUDA 13's headers map it to a
 * {@code _v2} that older drivers lack; the original stays exported). Thread-safe: the driver is.
 */
public final class CudaDriver {
    /** The library the NVIDIA driver installs; {@code -Dstarmap.cuda.library=PATH} names another. */
    public static final String DEFAULT_LIBRARY = "libcuda.so.1";
    public static final String LIBRARY_PROPERTY = "starmap.cuda.library";

    public static final int ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
    public static final int ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
    public static final int ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;

    private static final int NAME_LENGTH = 256;

    private final String library;
    private final MethodHandle cuInit;
    private final MethodHandle cuDriverGetVersion;
    private final MethodHandle cuDeviceGetCount;
    private final MethodHandle cuDeviceGet;
    private final MethodHandle cuDeviceGetName;
    private final MethodHandle cuDeviceGetAttribute;
    private final MethodHandle cuDeviceTotalMem;
    private final MethodHandle cuDevicePrimaryCtxRetain;
    private final MethodHandle cuDevicePrimaryCtxRelease;
    private final MethodHandle cuCtxSetCurrent;
    private final MethodHandle cuCtxSynchronize;
    private final MethodHandle cuMemGetInfo;
    private final MethodHandle cuMemAlloc;
    private final MethodHandle cuMemFree;
    private final MethodHandle cuMemcpyHtoD;
    private final MethodHandle cuMemcpyDtoH;
    private final MethodHandle cuMemcpyDtoD;
    private final MethodHandle cuMemsetD8;
    private final MethodHandle cuModuleLoadData;
    private final MethodHandle cuModuleGetFunction;
    private final MethodHandle cuModuleUnload;
    private final MethodHandle cuLaunchKernel;
    private final MethodHandle cuEventCreate;
    private final MethodHandle cuEventRecord;
    private final MethodHandle cuEventSynchronize;
    private final MethodHandle cuEventElapsedTime;
    private final MethodHandle cuEventDestroy;
    private final MethodHandle cuGetErrorName;
    private final MethodHandle cuGetErrorString;

    private CudaDriver(String library, SymbolLookup lib) {
        this.library = library;
        cuInit = bind(lib, "cuInit", JAVA_INT);
        cuDriverGetVersion = bind(lib, "cuDriverGetVersion", ADDRESS);
        cuDeviceGetCount = bind(lib, "cuDeviceGetCount", ADDRESS);
        cuDeviceGet = bind(lib, "cuDeviceGet", ADDRESS, JAVA_INT);
        cuDeviceGetName = bind(lib, "cuDeviceGetName", ADDRESS, JAVA_INT, JAVA_INT);
        cuDeviceGetAttribute = bind(lib, "cuDeviceGetAttribute", ADDRESS, JAVA_INT, JAVA_INT);
        cuDeviceTotalMem = bind(lib, "cuDeviceTotalMem_v2", ADDRESS, JAVA_INT);
        cuDevicePrimaryCtxRetain = bind(lib, "cuDevicePrimaryCtxRetain", ADDRESS, JAVA_INT);
        cuDevicePrimaryCtxRelease = bind(lib, "cuDevicePrimaryCtxRelease_v2", JAVA_INT);
        cuCtxSetCurrent = bind(lib, "cuCtxSetCurrent", ADDRESS);
        cuCtxSynchronize = bind(lib, "cuCtxSynchronize");
        cuMemGetInfo = bind(lib, "cuMemGetInfo_v2", ADDRESS, ADDRESS);
        cuMemAlloc = bind(lib, "cuMemAlloc_v2", ADDRESS, JAVA_LONG);
        cuMemFree = bind(lib, "cuMemFree_v2", JAVA_LONG);
        cuMemcpyHtoD = bind(lib, "cuMemcpyHtoD_v2", JAVA_LONG, ADDRESS, JAVA_LONG);
        cuMemcpyDtoH = bind(lib, "cuMemcpyDtoH_v2", ADDRESS, JAVA_LONG, JAVA_LONG);
        cuMemcpyDtoD = bind(lib, "cuMemcpyDtoD_v2", JAVA_LONG, JAVA_LONG, JAVA_LONG);
        cuMemsetD8 = bind(lib, "cuMemsetD8_v2", JAVA_LONG, JAVA_BYTE, JAVA_LONG);
        cuModuleLoadData = bind(lib, "cuModuleLoadData", ADDRESS, ADDRESS);
        cuModuleGetFunction = bind(lib, "cuModuleGetFunction", ADDRESS, ADDRESS, ADDRESS);
        cuModuleUnload = bind(lib, "cuModuleUnload", ADDRESS);
        cuLaunchKernel = bind(lib, "cuLaunchKernel", ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        cuEventCreate = bind(lib, "cuEventCreate", ADDRESS, JAVA_INT);
        cuEventRecord = bind(lib, "cuEventRecord", ADDRESS, ADDRESS);
        cuEventSynchronize = bind(lib, "cuEventSynchronize", ADDRESS);
        cuEventElapsedTime = bind(lib, "cuEventElapsedTime", ADDRESS, ADDRESS, ADDRESS);
        cuEventDestroy = bind(lib, "cuEventDestroy_v2", ADDRESS);
        cuGetErrorName = bind(lib, "cuGetErrorName", JAVA_INT, ADDRESS);
        cuGetErrorString = bind(lib, "cuGetErrorString", JAVA_INT, ADDRESS);
    }

    /**
     * Loads the driver library ({@code -Dstarmap.cuda.library} or {@value #DEFAULT_LIBRARY}) and binds its
     * functions; empty with the reason when the library is missing or lacks one of them. Does not call
     * {@code cuInit}.
     */
    public static Loaded load() {
        return load(System.getProperty(LIBRARY_PROPERTY, DEFAULT_LIBRARY));
    }

    /** Loads {@code library} (a name the dynamic linker finds, or a path). */
    public static Loaded load(String library) {
        SymbolLookup lib;
        try {
            lib = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException e) {
            return new Loaded(Optional.empty(), "no NVIDIA driver: " + library + " could not be loaded");
        }
        try {
            return new Loaded(Optional.of(new CudaDriver(library, lib)), null);
        } catch (NativeCalls.MissingSymbol e) {
            return new Loaded(Optional.empty(), library + " has no " + e.getMessage() + " (a driver older than CUDA 12?)");
        }
    }

    /** The outcome of {@link #load}: the driver, or why there is none. */
    public record Loaded(Optional<CudaDriver> driver, String problem) {
    }

    /** The library this driver was loaded from. */
    public String library() {
        return library;
    }



    // ---- errors ----

    /** Throws a {@link CudaException} for a non-zero result of {@code call}. */
    public void check(String call, int result) {
        if (result != CudaResult.SUCCESS) {
            throw new CudaException(call, result, errorName(result), errorString(result));
        }
    }

    /** The driver's name for a result ({@code cuGetErrorName}), or this binding's table's when it has none. */
    public String errorName(int result) {
        String s = lookup(cuGetErrorName, result);
        return s != null ? s : CudaResult.name(result);
    }

    /** The driver's description of a result, or null. */
    public String errorString(int result) {
        return lookup(cuGetErrorString, result);
    }

    private static String lookup(MethodHandle fn, int result) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            int r = (int) fn.invokeExact(result, out);
            MemorySegment s = out.get(ADDRESS, 0);
            return r == 0 && !s.equals(MemorySegment.NULL) ? s.reinterpret(4096).getString(0) : null;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- initialisation and devices ----

    public void init() {
        try {
            check("cuInit", (int) cuInit.invokeExact(0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The driver's CUDA version, e.g. 12080 for 12.8. */
    public int driverVersion() {
        return intOut("cuDriverGetVersion", cuDriverGetVersion);
    }

    public int deviceCount() {
        return intOut("cuDeviceGetCount", cuDeviceGetCount);
    }

    /** The {@code CUdevice} of ordinal {@code ordinal}. */
    public int device(int ordinal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check("cuDeviceGet", (int) cuDeviceGet.invokeExact(out, ordinal));
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public String deviceName(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(NAME_LENGTH);
            check("cuDeviceGetName", (int) cuDeviceGetName.invokeExact(out, NAME_LENGTH, device));
            return out.getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int attribute(int device, int attribute) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check("cuDeviceGetAttribute", (int) cuDeviceGetAttribute.invokeExact(out, attribute, device));
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long totalMemory(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check("cuDeviceTotalMem_v2", (int) cuDeviceTotalMem.invokeExact(out, device));
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The device's primary context, retained (release with {@link #releasePrimaryContext}). */
    public MemorySegment retainPrimaryContext(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("cuDevicePrimaryCtxRetain", (int) cuDevicePrimaryCtxRetain.invokeExact(out, device));
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void releasePrimaryContext(int device) {
        try {
            check("cuDevicePrimaryCtxRelease_v2", (int) cuDevicePrimaryCtxRelease.invokeExact(device));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Makes {@code context} current on the calling thread. */
    public void setCurrent(MemorySegment context) {
        try {
            check("cuCtxSetCurrent", (int) cuCtxSetCurrent.invokeExact(context));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Waits for all work of the current context; reports errors of earlier asynchronous launches. */
    public void synchronize() {
        try {
            check("cuCtxSynchronize", (int) cuCtxSynchronize.invokeExact());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {free, total} bytes of the current context's device. */
    public long[] memoryInfo() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment free = a.allocate(JAVA_LONG);
            MemorySegment total = a.allocate(JAVA_LONG);
            check("cuMemGetInfo_v2", (int) cuMemGetInfo.invokeExact(free, total));
            return new long[] {free.get(JAVA_LONG, 0), total.get(JAVA_LONG, 0)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- memory ----

    /** Allocates {@code bytes} of device memory; returns the device pointer. */
    public long malloc(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check("cuMemAlloc_v2", (int) cuMemAlloc.invokeExact(out, Math.max(bytes, 1L)));
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void free(long pointer) {
        try {
            check("cuMemFree_v2", (int) cuMemFree.invokeExact(pointer));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void copyToDevice(long dst, MemorySegment src, long bytes) {
        try {
            check("cuMemcpyHtoD_v2", (int) cuMemcpyHtoD.invokeExact(dst, src, bytes));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void copyToHost(MemorySegment dst, long src, long bytes) {
        try {
            check("cuMemcpyDtoH_v2", (int) cuMemcpyDtoH.invokeExact(dst, src, bytes));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void copyOnDevice(long dst, long src, long bytes) {
        try {
            check("cuMemcpyDtoD_v2", (int) cuMemcpyDtoD.invokeExact(dst, src, bytes));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Sets {@code bytes} bytes at {@code dst} to {@code value}. */
    public void memset(long dst, byte value, long bytes) {
        try {
            check("cuMemsetD8_v2", (int) cuMemsetD8.invokeExact(dst, value, bytes));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- modules and launches ----

    /** Loads a module from a NUL-terminated PTX image (the driver JIT-compiles it for the device). */
    public MemorySegment loadModule(MemorySegment image) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("cuModuleLoadData", (int) cuModuleLoadData.invokeExact(out, image));
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public MemorySegment function(MemorySegment module, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            int r = (int) cuModuleGetFunction.invokeExact(out, module, a.allocateFrom(name));
            check("cuModuleGetFunction(" + name + ")", r);
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void unloadModule(MemorySegment module) {
        try {
            check("cuModuleUnload", (int) cuModuleUnload.invokeExact(module));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Launches {@code function} on the default stream with a 1D grid; {@code params} is the array of
     * pointers to each argument's value that {@code cuLaunchKernel} takes.
     */
    public void launch(String name, MemorySegment function, int grid, int block, MemorySegment params) {
        try {
            int r = (int) cuLaunchKernel.invokeExact(function, grid, 1, 1, block, 1, 1, 0, MemorySegment.NULL,
                    params, MemorySegment.NULL);
            check("cuLaunchKernel(" + name + ")", r);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- events ----

    public MemorySegment createEvent() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("cuEventCreate", (int) cuEventCreate.invokeExact(out, 0));
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void recordEvent(MemorySegment event) {
        try {
            check("cuEventRecord", (int) cuEventRecord.invokeExact(event, MemorySegment.NULL));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Waits for {@code end} and returns the milliseconds between two recorded events. */
    public float elapsedMillis(MemorySegment start, MemorySegment end) {
        try (Arena a = Arena.ofConfined()) {
            check("cuEventSynchronize", (int) cuEventSynchronize.invokeExact(end));
            MemorySegment out = a.allocate(JAVA_FLOAT);
            check("cuEventElapsedTime", (int) cuEventElapsedTime.invokeExact(out, start, end));
            return out.get(JAVA_FLOAT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void destroyEvent(MemorySegment event) {
        try {
            check("cuEventDestroy_v2", (int) cuEventDestroy.invokeExact(event));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private int intOut(String call, MethodHandle fn) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check(call, (int) fn.invokeExact(out));
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
