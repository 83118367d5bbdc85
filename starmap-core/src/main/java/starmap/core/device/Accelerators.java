/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.device;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import starmap.core.InvalidInputException;
import starmap.core.graph.KnnGraph;
import starmap.core.knn.Metric;
import starmap.core.knn.NeighborSearch;
import starmap.core.parallel.Parallel;
import starmap.core.progress.CancelledException;
import starmap.core.progress.Progress;
import starmap.core.vectors.VectorSource;

/**
 * Picks the accelerator a stage runs on. {@link Device#AUTO} takes the first usable one found on the
 * class path for problems of at least {@link #AUTO_MIN_POINTS} points; with none usable it runs on the CPU
 * and says why once per process. {@link Device#GPU} insists.
 */
public final class Accelerators {
    /** Below this many points the CPU finishes before a GPU has started (context, module load). */
    public static final int AUTO_MIN_POINTS = 5_000;
    /**
     * Largest n · n · d an exact search on an accelerator takes under {@code --knn auto} (1,250,000 points of
     * 128 dimensions); above it the CPU's choice (IVF) runs. An estimate from the device's arithmetic
     * (about 10 s at 40 TFLOP/s), not a measurement.
     */
    public static final double EXACT_KNN_BUDGET = 2e14;

    private static volatile List<Accelerator> installed;
    private static volatile Consumer<String> notices = s -> System.err.println("note: " + s);
    private static final AtomicBoolean SAID = new AtomicBoolean();

    private Accelerators() {
    }

    /** Where the one-time "running on the CPU" / "using the GPU" notes go (standard error by default). */
    public static void noticesTo(Consumer<String> sink) {
        notices = sink;
    }

    /** The accelerators on the class path, usable or not. */
    public static List<Accelerator> installed() {
        List<Accelerator> list = installed;
        if (list == null) {
            list = ServiceLoader.load(Accelerator.class).stream().map(ServiceLoader.Provider::get).toList();
            installed = list;
        }
        return list;
    }

    /** For tests: replaces the class path's accelerators and forgets what was said. */
    public static void install(List<Accelerator> list) {
        installed = List.copyOf(list);
        SAID.set(false);
    }

    /**
     * The accelerator to run a stage of {@code n} points on, or empty for the CPU.
     *
     * @throws InvalidInputException for {@link Device#GPU} when no accelerator is usable, with the reason
     */
    public static Optional<Accelerator> pick(Device device, int n) {
        if (device == Device.CPU || (device == Device.AUTO && n < AUTO_MIN_POINTS)) {
            return Optional.empty();
        }
        List<Accelerator> all = installed();
        for (Accelerator a : all) {
            if (a.problem() == null) {
                say("running on the GPU: " + a.description());
                return Optional.of(a);
            }
        }
        String why = all.isEmpty() ? "this build has no GPU support (starmap-gpu is not on the class path)"
                : all.getFirst().problem();
        if (device == Device.GPU) {
            throw InvalidInputException.in("--device").problem("gpu asked for, but no GPU is usable: " + why);
        }
        if (!all.isEmpty()) {
            say("no usable GPU (" + why + "); running on the CPU");
        }
        return Optional.empty();
    }

    /**
     * {@code accelerated}, falling back to {@code cpu} (and saying so) when it fails for a reason other
     * than bad input or cancellation: for {@link Device#AUTO}, where the GPU is an optimisation.
     */
    public static NeighborSearch withFallback(NeighborSearch accelerated, NeighborSearch cpu) {
        return new NeighborSearch() {
            @Override
            public KnnGraph search(VectorSource data, int k, Metric metric, Parallel parallel, Progress progress) {
                try {
                    return accelerated.search(data, k, metric, parallel, progress);
                } catch (InvalidInputException | CancelledException e) {
                    throw e;
                } catch (RuntimeException e) {
                    notices.accept("the GPU's kNN search failed (" + e.getMessage() + "); searching on the CPU");
                    return cpu.search(data, k, metric, parallel, progress);
                }
            }

            @Override
            public String name() {
                return accelerated.name();
            }
        };
    }

    /** Tells the user once-off news, such as a fallback to the CPU after a GPU failure. */
    public static void note(String message) {
        notices.accept(message);
    }

    private static void say(String message) {
        if (SAID.compareAndSet(false, true)) {
            notices.accept(message);
        }
    }
}
