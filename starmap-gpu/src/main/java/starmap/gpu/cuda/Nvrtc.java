/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu.cuda;

import static starmap.gpu.cuda.NativeCalls.bind;
import static starmap.gpu.cuda.NativeCalls.rethrow;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * NVRTC ({@code libnvrtc}, the CUDA runtime compiler, installed with the CUDA toolkit) through the Java FFM
 * API: CUDA C source to PTX at run time, for a driver that rejects the PTX Starmap ships (one older than
 * the nvcc that made it). Errors become {@link NvrtcException}s naming the call, the {@code nvrtcResult}
 * and, for a failed compilation, the program log. Thread-safe: each compilation has its own program.
 */
public final class Nvrtc {
    /** {@code -Dstarmap.nvrtc.library=PATH} names the library to load instead of searching for one. */
    public static final String LIBRARY_PROPERTY = "starmap.nvrtc.library";
    /** The names tried, in this order, first as they are (the dynamic linker's search), then in {@link #DIRECTORIES}. */
    public static final List<String> LIBRARY_NAMES = List.of("libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so");
    /** Where the CUDA toolkit puts its libraries, after {@code $CUDA_HOME/lib64}. */
    public static final List<String> DIRECTORIES = List.of("/usr/local/cuda/lib64",
            "/usr/local/cuda/targets/x86_64-linux/lib");

    public static final int SUCCESS = 0;
    public static final int ERROR_COMPILATION = 6;

    private static final List<String> RESULT_NAMES = List.of("NVRTC_SUCCESS", "NVRTC_ERROR_OUT_OF_MEMORY",
            "NVRTC_ERROR_PROGRAM_CREATION_FAILURE", "NVRTC_ERROR_INVALID_INPUT", "NVRTC_ERROR_INVALID_PROGRAM",
            "NVRTC_ERROR_INVALID_OPTION", "NVRTC_ERROR_COMPILATION", "NVRTC_ERROR_BUILTIN_OPERATION_FAILURE",
            "NVRTC_ERROR_NO_NAME_EXPRESSIONS_AFTER_COMPILATION", "NVRTC_ERROR_NO_LOWERED_NAMES_BEFORE_COMPILATION",
            "NVRTC_ERROR_NAME_EXPRESSION_NOT_VALID", "NVRTC_ERROR_INTERNAL_ERROR",
            "NVRTC_ERROR_TIME_FILE_WRITE_FAILED", "NVRTC_ERROR_NO_PCH_CREATE_ATTEMPTED",
            "NVRTC_ERROR_PCH_CREATE_HEAP_EXHAUSTED", "NVRTC_ERROR_PCH_CREATE", "NVRTC_ERROR_CANCELLED",
            "NVRTC_ERROR_TIME_TRACE_FILE_WRITE_FAILED");


    private final String library;
    private final MethodHandle nvrtcVersion;
    private final MethodHandle nvrtcCreateProgram;
    private final MethodHandle nvrtcCompileProgram;
    private final MethodHandle nvrtcGetPTXSize;
    private final MethodHandle nvrtcGetPTX;
    private final MethodHandle nvrtcGetProgramLogSize;
    private final MethodHandle nvrtcGetProgramLog;
    private final MethodHandle nvrtcDestroyProgram;
    private final MethodHandle nvrtcGetErrorString;

    private Nvrtc(String library, SymbolLookup lib) {
        this.library = library;
        nvrtcVersion = bind(lib, "nvrtcVersion", ADDRESS, ADDRESS);
        nvrtcCreateProgram = bind(lib, "nvrtcCreateProgram", ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        nvrtcCompileProgram = bind(lib, "nvrtcCompileProgram", ADDRESS, JAVA_INT, ADDRESS);
        nvrtcGetPTXSize = bind(lib, "nvrtcGetPTXSize", ADDRESS, ADDRESS);
        nvrtcGetPTX = bind(lib, "nvrtcGetPTX", ADDRESS, ADDRESS);
        nvrtcGetProgramLogSize = bind(lib, "nvrtcGetProgramLogSize", ADDRESS, ADDRESS);
        nvrtcGetProgramLog = bind(lib, "nvrtcGetProgramLog", ADDRESS, ADDRESS);
        nvrtcDestroyProgram = bind(lib, "nvrtcDestroyProgram", ADDRESS);
        nvrtcGetErrorString = NativeCalls.LINKER.downcallHandle(NativeCalls.find(lib, "nvrtcGetErrorString"),
                FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    /**
     * Loads NVRTC: the library {@code -Dstarmap.nvrtc.library} names, else the first of {@link #candidates}
     * that loads and has every function bound here. Empty, with what was tried, when none does.
     */
    public static Loaded load() {
        String named = System.getProperty(LIBRARY_PROPERTY);
        if (named != null && !named.isBlank()) {
            return load(named);
        }
        List<String> problems = new ArrayList<>();
        List<String> tried = candidates(System.getenv("CUDA_HOME"));
        for (String candidate : tried) {
            Loaded loaded = load(candidate);
            if (loaded.nvrtc().isPresent()) {
                return loaded;
            }
            if (!loaded.problem().endsWith(" could not be loaded")) {
                problems.add(loaded.problem());
            }
        }
        return new Loaded(Optional.empty(), "no NVRTC: none of " + String.join(", ", tried) + " could be loaded"
                + (problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")"));
    }

    /** Loads {@code library} (a name the dynamic linker finds, or a path). */
    public static Loaded load(String library) {
        SymbolLookup lib;
        try {
            lib = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException e) {
            return new Loaded(Optional.empty(), "no NVRTC: " + library + " could not be loaded");
        }
        try {
            return new Loaded(Optional.of(new Nvrtc(library, lib)), null);
        } catch (NativeCalls.MissingSymbol e) {
            return new Loaded(Optional.empty(), "no NVRTC: " + library + " has no " + e.getMessage());
        }
    }

    /**
     * The libraries {@link #load()} tries, in order: each of {@link #LIBRARY_NAMES} as it is, then in
     * {@code cudaHome/lib64} (when {@code cudaHome} is set) and each of {@link #DIRECTORIES}.
     */
    static List<String> candidates(String cudaHome) {
        List<String> dirs = new ArrayList<>();
        if (cudaHome != null && !cudaHome.isBlank()) {
            dirs.add(cudaHome.replaceAll("/+$", "") + "/lib64");
        }
        dirs.addAll(DIRECTORIES);
        SequencedSet<String> names = new LinkedHashSet<>(LIBRARY_NAMES);
        for (String dir : dirs) {
            for (String name : LIBRARY_NAMES) {
                names.add(dir + "/" + name);
            }
        }
        return List.copyOf(names);
    }

    /** The outcome of {@link #load}: NVRTC, or why there is none (null when there is). */
    public record Loaded(Optional<Nvrtc> nvrtc, String problem) {
    }

    /**
     * The options that compile for a device of compute capability {@code major.minor}: PTX for its virtual
     * architecture ({@code --gpu-architecture=compute_XY}) and C++17. No fast math: accuracy matters.
     */
    public static List<String> optionsFor(int major, int minor) {
        if (major <= 0 || minor < 0 || minor > 9) {
            throw new IllegalArgumentException("not a compute capability: " + major + "." + minor);
        }
        return List.of("--gpu-architecture=compute_" + major + minor, "-std=c++17");
    }

    /** The library NVRTC was loaded from. */
    public String library() {
        return library;
    }

    /** NVRTC's {major, minor} version, e.g. {13, 0}. */
    public int[] version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment major = a.allocate(JAVA_INT);
            MemorySegment minor = a.allocate(JAVA_INT);
            check("nvrtcVersion", (int) nvrtcVersion.invokeExact(major, minor));
            return new int[] {major.get(JAVA_INT, 0), minor.get(JAVA_INT, 0)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Compiles CUDA C {@code source} to PTX.
     *
     * @param programName the source's name, as the log's messages cite it (e.g. {@code kernels.cu})
     * @param options NVRTC options, e.g. {@link #optionsFor}
     * @return the PTX text
     * @throws NvrtcException when NVRTC fails; for a compilation error with the program log
     */
    public String compile(String source, String programName, List<String> options) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(programName, "programName");
        try (Arena a = Arena.ofConfined()) {
            MemorySegment program = a.allocate(ADDRESS);
            check("nvrtcCreateProgram", (int) nvrtcCreateProgram.invokeExact(program, a.allocateFrom(source),
                    a.allocateFrom(programName), 0, MemorySegment.NULL, MemorySegment.NULL));
            Throwable failure = null;
            try {
                return compile(a, program.get(ADDRESS, 0), options);
            } catch (Throwable t) {
                failure = t;
                throw t;
            } finally {
                int r = (int) nvrtcDestroyProgram.invokeExact(program);
                if (r != SUCCESS) {
                    NvrtcException e = new NvrtcException("nvrtcDestroyProgram", r, errorName(r), null);
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private String compile(Arena a, MemorySegment program, List<String> options) throws Throwable {
        MemorySegment array = a.allocate(ADDRESS, Math.max(1, options.size()));
        for (int i = 0; i < options.size(); i++) {
            array.setAtIndex(ADDRESS, i, a.allocateFrom(options.get(i)));
        }
        int r = (int) nvrtcCompileProgram.invokeExact(program, options.size(), array);
        if (r != SUCCESS) {
            throw new NvrtcException("nvrtcCompileProgram", r, errorName(r), log(a, program));
        }
        MemorySegment size = a.allocate(JAVA_LONG);
        check("nvrtcGetPTXSize", (int) nvrtcGetPTXSize.invokeExact(program, size));
        MemorySegment ptx = a.allocate(size.get(JAVA_LONG, 0) + 1);
        check("nvrtcGetPTX", (int) nvrtcGetPTX.invokeExact(program, ptx));
        return ptx.getString(0);
    }

    /** The program's log, or what went wrong reading it. */
    private String log(Arena a, MemorySegment program) throws Throwable {
        MemorySegment size = a.allocate(JAVA_LONG);
        int r = (int) nvrtcGetProgramLogSize.invokeExact(program, size);
        if (r != SUCCESS) {
            return "(no log: nvrtcGetProgramLogSize failed: " + errorName(r) + ")";
        }
        MemorySegment log = a.allocate(size.get(JAVA_LONG, 0) + 1);
        r = (int) nvrtcGetProgramLog.invokeExact(program, log);
        return r == SUCCESS ? log.getString(0) : "(no log: nvrtcGetProgramLog failed: " + errorName(r) + ")";
    }

    // ---- errors ----

    /** Throws an {@link NvrtcException} for a non-zero result of {@code call}. */
    private void check(String call, int result) {
        if (result != SUCCESS) {
            throw new NvrtcException(call, result, errorName(result), null);
        }
    }

    /** The name of an {@code nvrtcResult}: this binding's table's, else the library's ({@code nvrtcGetErrorString}). */
    public String errorName(int result) {
        if (result >= 0 && result < RESULT_NAMES.size()) {
            return RESULT_NAMES.get(result);
        }
        try {
            MemorySegment s = (MemorySegment) nvrtcGetErrorString.invokeExact(result);
            return s.equals(MemorySegment.NULL) ? "NVRTC_ERROR_UNKNOWN" : s.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }


}
