/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import starmap.gpu.cuda.CudaDriver;

/**
 * A fake CUDA driver for tests without a GPU: {@code src/test/c/fake_cuda.c} built into
 * {@code libfakecuda.so}, which {@link CudaDriver#load(String)} takes for {@code libcuda.so.1}, and a
 * kernel source built with {@code src/test/c/emu.h} into a host library that the fake's
 * {@code cuModuleLoadData} loads in place of the PTX it is given. Each {@code extern "C" __global__}
 * kernel {@code NAME} gets a wrapper {@code emu_NAME(void** params)}, which the fake's
 * {@code cuLaunchKernel} calls once: the kernels are grid-stride loops, so one host thread runs the grid.
 *
 * <p>Built into {@code target/fake-cuda/} with {@code gcc} and {@code g++}, again only when a source
 * changed. There is one fake driver per JVM: its state (what {@link #configure} sets, the counts) is
 * shared by every {@code FakeCuda}, and {@link #configure} points it at this one's kernels.
 *
 * <pre>{@code
 * FakeCuda fake = FakeCuda.build(FakeCuda.KERNELS).orElse(null);
 * Assumptions.assumeTrue(fake != null, "no gcc or g++");
 * fake.reset();
 * CudaDriver cuda = fake.driver();
 * ... // the code under test
 * assertThat(fake.liveBytes()).isZero();
 * }</pre>
 */
public final class FakeCuda {
    /** Starmap's kernels, relative to the module directory. */
    public static final Path KERNELS = Path.of("src", "main", "cuda", "kernels.cu");

    private static final Path MODULE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Path C_SOURCES = MODULE.resolve(Path.of("src", "test", "c"));
    private static final Path OUTPUT = MODULE.resolve(Path.of("target", "fake-cuda"));
    private static final Pattern KERNEL = Pattern.compile("extern\\s*\"C\"\\s+__global__\\s+"
            + "(?:__launch_bounds__\\s*\\([^)]*\\)\\s*)?void\\s+(?:__launch_bounds__\\s*\\([^)]*\\)\\s*)?"
            + "([A-Za-z_]\\w*)\\s*\\(");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_]\\w*|\\*|&|::|\\S");
    private static final Set<String> TYPE_WORDS = Set.of("void", "bool", "char", "short", "int", "long", "float",
            "double", "signed", "unsigned", "const", "volatile");

    private static final Map<Path, FakeCuda> BUILT = new HashMap<>();
    private static Path driver;
    private static Control control;

    private final Path kernelLibrary;

    private FakeCuda(Path kernelLibrary) {
        this.kernelLibrary = kernelLibrary;
    }

    /**
     * Builds the fake driver and {@code kernelSource}'s host library (a path relative to the module
     * directory, or absolute); empty when {@code gcc} or {@code g++} is not on the {@code PATH}.
     *
     * @throws IllegalStateException with the compiler's output when a compilation fails
     */
    public static synchronized Optional<FakeCuda> build(Path kernelSource) {
        if (!onPath("gcc") || !onPath("g++")) {
            return Optional.empty();
        }
        Path source = MODULE.resolve(kernelSource).normalize();
        FakeCuda built = BUILT.get(source);
        if (built != null) {
            return Optional.of(built);
        }
        try {
            Files.createDirectories(OUTPUT);
            // Another JVM (a parallel Maven build) may be building into the same directory.
            try (FileChannel channel = FileChannel.open(OUTPUT.resolve("build.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                if (driver == null) {
                    Path c = C_SOURCES.resolve("fake_cuda.c");
                    Path lib = OUTPUT.resolve("libfakecuda.so");
                    if (!newer(lib, c)) {
                        compile(lib, "gcc", "-O2", "-Wall", "-shared", "-fPIC", "-o", "{}", c.toString(), "-ldl");
                    }
                    driver = lib;
                }
                built = new FakeCuda(buildKernels(source));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BUILT.put(source, built);
        return Optional.of(built);
    }

    private static Path buildKernels(Path source) throws IOException {
        String name = source.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path dir = OUTPUT.resolve(name);
        Files.createDirectories(dir);
        Path wrappers = dir.resolve("wrappers.cpp");
        String text = wrappers(Files.readString(source), source.toString());
        if (!Files.exists(wrappers) || !Files.readString(wrappers).equals(text)) {
            Files.writeString(wrappers, text);
        }
        Path emu = C_SOURCES.resolve("emu.h");
        Path lib = dir.resolve("libstarmap_emu.so");
        if (!newer(lib, source, emu, wrappers)) {
            compile(lib, "g++", "-O2", "-std=c++17", "-shared", "-fPIC", "-Wl,-z,defs", "-DSTARMAP_EMULATION",
                    "-I", C_SOURCES.toString(), "-include", "emu.h", "-x", "c++", source.toString(),
                    "-x", "c++", wrappers.toString(), "-o", "{}");
        }
        return lib;
    }

    /** Compiles into a temporary file ({@code {}} in the command) and moves it to {@code output}. */
    private static void compile(Path output, String... command) throws IOException {
        Path tmp = output.resolveSibling(output.getFileName() + ".tmp");
        List<String> cmd = new ArrayList<>();
        for (String s : command) {
            cmd.add(s.equals("{}") ? tmp.toString() : s);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit;
        try {
            exit = p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
        }
        if (exit != 0) {
            throw new IllegalStateException(cmd.getFirst() + " failed (exit " + exit + "): " + String.join(" ", cmd)
                    + "\n" + out);
        }
        // A library another JVM has loaded keeps its old file: the move replaces the name, not the file.
        Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean newer(Path output, Path... inputs) throws IOException {
        if (!Files.exists(output)) {
            return false;
        }
        for (Path in : inputs) {
            if (Files.getLastModifiedTime(in).compareTo(Files.getLastModifiedTime(output)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    // ---- wrappers ----

    /**
     * The C++ wrappers for {@code source}'s kernels: for each {@code extern "C" __global__ void NAME(T1 a1,
     * ...)} (the first of several declarations), its declaration,
     * {@code extern "C" void emu_NAME(void** p) { NAME(*(T1*) p[0], ...); }} and
     * {@code extern "C" int emuparams_NAME()} returning the number of parameters.
     */
    static String wrappers(String source, String origin) {
        String code = withoutComments(source);
        Map<String, String> kernels = new LinkedHashMap<>();
        Matcher m = KERNEL.matcher(code);
        while (m.find()) {
            int open = m.end() - 1;
            int close = closing(code, open);
            kernels.putIfAbsent(m.group(1), code.substring(open + 1, close).replaceAll("\\s+", " ").strip());
        }
        StringBuilder out = new StringBuilder("""
                /*
                 * Copyright 2026 The Starmap Authors
                 * SPDX-License-Identifier: Apache-2.0
                 */
                // Generated by FakeCuda from %s: the fake CUDA driver's entry points to its kernels.
                """.formatted(origin));
        kernels.forEach((name, params) -> {
            List<String> args = new ArrayList<>();
            List<String> list = split(params);
            if (!(list.size() == 1 && (list.getFirst().isEmpty() || list.getFirst().equals("void")))) {
                for (int i = 0; i < list.size(); i++) {
                    args.add("*(" + valueType(list.get(i)) + "*) p[" + i + "]");
                }
            }
            out.append("\nextern \"C\" void ").append(name).append('(').append(params).append(");\n")
                    .append("extern \"C\" void emu_").append(name).append("(void** p) {\n    ")
                    .append(args.isEmpty() ? "(void) p;\n    " : "").append(name).append('(')
                    .append(String.join(", ", args)).append(");\n}\n")
                    .append("extern \"C\" int emuparams_").append(name).append("() {\n    return ")
                    .append(args.size()).append(";\n}\n");
        });
        return out.toString();
    }

    /**
     * The type of the value a kernel parameter declaration passes, without its name, {@code __restrict__}
     * and top-level {@code const} or {@code volatile}: {@code const float* __restrict__ y} is
     * {@code const float*}, {@code float* const p} is {@code float*}, {@code const int n} is {@code int}.
     */
    static String valueType(String parameter) {
        List<String> tokens = new ArrayList<>();
        Matcher t = TOKEN.matcher(parameter);
        while (t.find()) {
            String s = t.group();
            if (!s.equals("__restrict__") && !s.equals("__restrict") && !s.equals("restrict")) {
                tokens.add(s);
            }
        }
        String last = tokens.isEmpty() ? "" : tokens.getLast();
        if (tokens.size() > 1 && Character.isJavaIdentifierStart(last.charAt(0)) && !TYPE_WORDS.contains(last)
                && !tokens.get(tokens.size() - 2).equals("::")) {
            tokens.removeLast();
        }
        int star = tokens.lastIndexOf("*");
        StringBuilder type = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            String s = tokens.get(i);
            if (i > star && (s.equals("const") || s.equals("volatile"))) {
                continue;
            }
            if (!type.isEmpty() && !s.equals("*") && !s.equals("::") && !type.toString().endsWith("::")) {
                type.append(' ');
            }
            type.append(s);
        }
        if (type.isEmpty()) {
            throw new IllegalArgumentException("no type in kernel parameter '" + parameter + "'");
        }
        return type.toString();
    }

    private static int closing(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses after " + code.substring(0, open));
    }

    private static List<String> split(String params) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            if (c == '(' || c == '<' || c == '[') {
                depth++;
            } else if (c == ')' || c == '>' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(params.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(params.substring(start).strip());
        return out;
    }

    /** {@code code} with its comments replaced by a space; strings and characters are kept as they are. */
    static String withoutComments(String code) {
        StringBuilder out = new StringBuilder(code.length());
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '/' && code.startsWith("//", i)) {
                int end = code.indexOf('\n', i);
                i = end < 0 ? code.length() : end;
                out.append(' ');
            } else if (c == '/' && code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                i = end < 0 ? code.length() : end + 2;
                out.append(' ');
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < code.length() && code.charAt(j) != c) {
                    j += code.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, code.length());
                out.append(code, i, j);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    // ---- the built libraries and the fake's controls ----

    /** The fake {@code libcuda.so.1}, for {@link CudaDriver#load(String)}. */
    public Path driverLibrary() {
        return driver;
    }

    /** This kernel source's host library, which the fake's {@code cuModuleLoadData} loads. */
    public Path kernelLibrary() {
        return kernelLibrary;
    }

    /**
     * The fake driver with Starmap's kernels ({@link #KERNELS}), started afresh; skips the calling test
     * (an assumption) where gcc and g++ are missing.
     */
    public static FakeCuda withStarmapKernels() {
        Optional<FakeCuda> f = build(KERNELS);
        org.assertj.core.api.Assumptions.assumeThat(f).as("g++ and gcc build the fake CUDA driver").isPresent();
        f.get().reset();
        return f.get();
    }

    /** Device 0 of the fake driver, opened as {@link Gpu} opens a real one. */
    public Gpu openGpu() {
        return Gpu.open(driver(), 0);
    }

    /** The fake driver, loaded through {@link CudaDriver#load(String)}. */
    public CudaDriver driver() {
        CudaDriver.Loaded loaded = CudaDriver.load(driver.toString());
        return loaded.driver().orElseThrow(() -> new IllegalStateException(loaded.problem()));
    }

    /**
     * Starts the fake afresh with this kernel library: {@code cuInit} returns {@code initResult}, there are
     * {@code deviceCount} devices of {@code memoryBytes} bytes, and {@code cuModuleLoadData} returns
     * {@code moduleLoadResult} when it is positive, and {@code -moduleLoadResult} once when it is negative. Counts go back to zero; what was
     * still allocated is forgotten.
     */
    public void configure(int initResult, int deviceCount, long memoryBytes, int moduleLoadResult) {
        try (Arena a = Arena.ofConfined()) {
            control().configure.invokeExact(a.allocateFrom(kernelLibrary.toString()), initResult, deviceCount,
                    memoryBytes, moduleLoadResult);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Changes only the device's memory size; what is allocated stays (out-of-memory tests on an open device). */
    public void setMemory(long bytes) {
        try {
            control().setMemory.invokeExact(bytes);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@link #configure}: a working driver, one device with 16 GiB. */
    public void reset() {
        configure(0, 1, 1L << 34, 0);
    }

    /** Bytes of device memory allocated and not freed. */
    public long liveBytes() {
        return (long) call(control().liveBytes);
    }

    /** Device allocations not freed. */
    public int liveAllocations() {
        return (int) call(control().liveAllocations);
    }

    /** Successful kernel launches since {@link #configure}. */
    public long launches() {
        return (long) call(control().launches);
    }

    /** Modules loaded and not unloaded. */
    public int liveModules() {
        return (int) call(control().liveModules);
    }

    /** Events created and not destroyed. */
    public int liveEvents() {
        return (int) call(control().liveEvents);
    }

    /** Primary-context retains not released. */
    public int retainedContexts() {
        return (int) call(control().retainedContexts);
    }

    private static Object call(MethodHandle h) {
        try {
            return h.invoke();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private record Control(MethodHandle configure, MethodHandle liveBytes, MethodHandle liveAllocations,
            MethodHandle launches, MethodHandle liveModules, MethodHandle liveEvents,
            MethodHandle retainedContexts, MethodHandle setMemory) {
    }

    /** The control functions, from the same loaded library {@link CudaDriver#load(String)} gets. */
    private static synchronized Control control() {
        if (control == null) {
            SymbolLookup lib = SymbolLookup.libraryLookup(driver, Arena.global());
            Linker linker = Linker.nativeLinker();
            BiFunction<String, FunctionDescriptor, MethodHandle> bind = (name, d) ->
                    linker.downcallHandle(lib.find(name).orElseThrow(), d);
            control = new Control(
                    bind.apply("fake_cuda_configure",
                            FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT)),
                    bind.apply("fake_cuda_live_bytes", FunctionDescriptor.of(JAVA_LONG)),
                    bind.apply("fake_cuda_live_allocations", FunctionDescriptor.of(JAVA_INT)),
                    bind.apply("fake_cuda_launches", FunctionDescriptor.of(JAVA_LONG)),
                    bind.apply("fake_cuda_live_modules", FunctionDescriptor.of(JAVA_INT)),
                    bind.apply("fake_cuda_live_events", FunctionDescriptor.of(JAVA_INT)),
                    bind.apply("fake_cuda_retained_contexts", FunctionDescriptor.of(JAVA_INT)),
                    bind.apply("fake_cuda_set_memory", FunctionDescriptor.ofVoid(JAVA_LONG)));
        }
        return control;
    }
}
