/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.tsne.Approximation;
import starmap.core.layout.tsne.Tsne;
import starmap.core.layout.tsne.TsneParams;
import starmap.core.layout.tsne.TsneResult;
import starmap.core.parallel.Parallel;
import starmap.core.vectors.DenseVectors;
import starmap.store.format.NpyHeader;

/**
 * Runs Starmap's t-SNE on a float32 .npy like the peers' runner scripts do: one process, the raw vectors
 * in, the embedding out as .npy, and one JSON line on stdout with the wall time and each phase.
 *
 * <pre>
 * TsneRunner INPUT.npy OUTPUT.npy DIM [--perplexity 30] [--iters 750] [--seed 1] [--threads N]
 *            [--approximation auto|exact|bh|fft] [--n N]
 * </pre>
 */
public final class TsneRunner {
    private TsneRunner() {
    }

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int dim = Integer.parseInt(args[2]);
        Map<String, String> o = options(args);
        TsneParams p = TsneParams.DEFAULTS.withDimensions(dim)
                .withPerplexity(Double.parseDouble(o.getOrDefault("--perplexity", "30")))
                .withIterations(Integer.parseInt(o.getOrDefault("--iters", "750")))
                .withSeed(Long.parseLong(o.getOrDefault("--seed", "1")))
                .withApproximation(Approximation.parse(o.getOrDefault("--approximation", "auto")));
        int threads = Integer.parseInt(o.getOrDefault("--threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
        sampleHeap();
        long t0 = System.nanoTime();
        try (DenseVectors data = input(in, o);
             Parallel par = Parallel.of(threads)) {
            int n = data.size();
            double load = (System.nanoTime() - t0) / 1e9;
            final long t1 = System.nanoTime();
            TsneResult r = Tsne.run(data, p, new LayoutContext(par, starmap.core.progress.Progress.NONE,
                    (it, total, kl) -> {
                        if (it % 250 == 0) {
                            System.err.printf(Locale.ROOT, "iteration %d of %d, KL %.4f, %.0f s%n", it, total, kl,
                                    (System.nanoTime() - t1) / 1e9);
                        }
                    }));
            double wall = (System.nanoTime() - t1) / 1e9;
            write(out, r.embedding().toArray(), n, dim);
            StringBuilder phases = new StringBuilder();
            r.timings().forEach((k, v) -> phases.append(String.format(Locale.ROOT, "\"%s\": %.3f, ", k, v.toNanos() / 1e9)));
            System.out.printf(Locale.ROOT, "{\"tool\": \"starmap\", \"version\": \"%s\", \"dim\": %d, \"n\": %d, "
                    + "\"perplexity\": %s, \"iters\": %d, \"seed\": %d, \"threads\": %d, \"wall_s\": %.3f, "
                    + "\"phases\": {%s\"load_input_excluded\": %.3f}, \"kl_divergence\": %.6f, \"approximation\": \"%s\", "
                    + "\"knn\": \"%s\", \"knn_recall\": %s, \"simd\": \"%s\", \"peak_heap_mb\": %.0f}%n",
                    starmap.store.Version.current(), dim, n, p.perplexity(), p.iterations(), p.seed(), threads, wall,
                    phases, load, r.klDivergence(), r.details().get("approximation"), r.details().get("knn"),
                    r.details().getOrDefault("knn_recall", "null"), r.details().get("simd"), peakHeapMb());
        }
    }

    /** The runner's arguments after INPUT OUTPUT DIM, as option → value. */
    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 3; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        return o;
    }

    /** The input .npy (C-order float32) mapped, its first {@code --n} rows when given. */
    static DenseVectors input(Path in, Map<String, String> o) throws java.io.IOException {
        NpyHeader h;
        try (FileChannel ch = FileChannel.open(in, StandardOpenOption.READ)) {
            h = NpyHeader.read(in, ch);
        }
        int n = o.containsKey("--n") ? Integer.parseInt(o.get("--n")) : (int) h.shape()[0];
        if (!h.descr().equals("<f4") || h.fortranOrder()) {
            throw new IllegalArgumentException(in + ": expected C-order float32, got " + h.descr());
        }
        return DenseVectors.map(in, h.dataOffset(), n, (int) h.shape()[1], false);
    }

    private static volatile long peakHeap;

    /**
     * Samples the heap in use every 50 ms on a daemon thread. (Summing each pool's own peak over-counts:
     * the pools peak at different times.)
     */
    static void sampleHeap() {
        Thread t = new Thread(() -> {
            var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
            while (true) {
                peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        t.setDaemon(true);
        t.start();
    }

    /** The most heap in use at any sample, in MiB. */
    static double peakHeapMb() {
        return Math.max(peakHeap, java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()
                .getUsed()) / 1048576.0;
    }

    static void write(Path out, float[] rowMajor, int n, int dim) throws Exception {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
            NpyHeader.write(os, "<f4", n, dim);
            ByteBuffer b = ByteBuffer.allocate(rowMajor.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(rowMajor);
            os.write(b.array());
        }
    }
}
