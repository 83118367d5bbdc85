/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import starmap.core.device.Accelerators;
import starmap.core.device.Device;
import starmap.core.graph.KnnGraph;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.affinity.PerplexityAffinities;
import starmap.core.layout.affinity.SparseAffinities;
import starmap.core.layout.tsne.Tsne;
import starmap.core.layout.tsne.TsneOptimization;
import starmap.core.layout.tsne.TsneParams;
import starmap.core.layout.tsne.TsneResult;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.quality.LayoutQuality;
import starmap.core.quality.QualityReport;
import starmap.core.vectors.DenseVectors;
import starmap.core.vectors.VectorSource;
import starmap.gpu.CudaAccelerator;
import starmap.gpu.Gpu;
import starmap.gpu.GpuTsne;

/**
 * The GPU benchmark, runnable from core + gpu jars on a minimal Java runtime (no DuckDB, no server):
 *
 * <pre>
 * GpuBench fmnist   [--data DIR] [--device gpu|cpu] [--dim 2] [--iterations 1000] [--perplexity 30]
 * GpuBench clusters [--n 1250000] [--dims 128] [--clusters 1000] [--perplexity 10] [--iterations 4000] [--dim 2] [--device gpu|cpu]
 * GpuBench scaling  [--sizes 10000,100000,1250000] [--dims 128] [--clusters 1000] [--perplexity 10] [--iterations 500] [--dim 2]
 * </pre>
 *
 * {@code fmnist} and {@code clusters} run the whole t-SNE recipe (PCA, kNN, affinities, optimisation) and
 * measure the layout (kNN preservation, label accuracy, KL); {@code scaling} times the GPU optimisation
 * alone per iteration and per phase. Each run prints one {@code RESULT {json}} line.
 */
public final class GpuBench {
    private GpuBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: GpuBench fmnist|clusters|scaling [--option value]...");
            System.exit(2);
        }
        Map<String, String> o = options(args);
        PrintStream out = System.out;
        try (Parallel par = Parallel.ofAvailableProcessors()) {
            switch (args[0]) {
                case "fmnist" -> {
                    Data d = fashionMnist(Path.of(o.getOrDefault("data", "/usr/share/datasets/fashion-mnist")));
                    out.println(recipe("fashion-mnist", d, params(o, 30, 1000), device(o), par));
                }
                case "clusters" -> {
                    Data d = clusters(integer(o, "n", 1_250_000), integer(o, "dims", 128), integer(o, "clusters", 1000), 1);
                    out.println(recipe("clusters", d, params(o, 10, 4000), device(o), par));
                }
                case "scaling" -> {
                    for (String s : o.getOrDefault("sizes", "10000,100000,1250000").split(",")) {
                        int n = Integer.parseInt(s.trim());
                        Data d = clusters(n, integer(o, "dims", 128), integer(o, "clusters", 1000), 1);
                        out.println(scaling(d, params(o, 10, 500), par));
                    }
                }
                default -> {
                    System.err.println("unknown benchmark " + args[0] + "; expected fmnist, clusters or scaling");
                    System.exit(2);
                }
            }
        }
    }

    /** Vectors with labels. */
    public record Data(VectorSource vectors, int[] labels) {
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value at '" + args[i] + "'");
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    private static int integer(Map<String, String> o, String key, int fallback) {
        return o.containsKey(key) ? Integer.parseInt(o.get(key)) : fallback;
    }

    private static Device device(Map<String, String> o) {
        return Device.parse(o.getOrDefault("device", "gpu"));
    }

    static TsneParams params(Map<String, String> o, double perplexity, int iterations) {
        return new TsneParams.Builder(TsneParams.DEFAULTS)
                .dimensions(integer(o, "dim", 2))
                .perplexity(o.containsKey("perplexity") ? Double.parseDouble(o.get("perplexity")) : perplexity)
                .iterations(integer(o, "iterations", iterations))
                .build();
    }

    /** The whole recipe on {@code device}, measured; one JSON line. */
    public static String recipe(String name, Data d, TsneParams p, Device device, Parallel par) {
        LayoutContext ctx = new LayoutContext(par, Progress.NONE, LayoutContext.IterationListener.NONE, device);
        long t0 = System.nanoTime();
        TsneResult r = Tsne.run(d.vectors(), p, ctx);
        double total = (System.nanoTime() - t0) / 1e9;
        VectorSource space = d.vectors();
        QualityReport q = LayoutQuality.measure(space, r.embedding(), Optional.ofNullable(d.labels()), Optional.empty(),
                new LayoutQuality.Options(5000, (int) Math.min(p.perplexity(), 30), 1,
                        starmap.core.knn.Metric.EUCLIDEAN), par);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", name);
        m.put("n", d.vectors().size());
        m.put("input_dims", d.vectors().dimension());
        m.put("dim", p.dimensions());
        m.put("perplexity", p.perplexity());
        m.put("iterations", p.iterations());
        m.put("device", device.cliName());
        m.put("processors", Runtime.getRuntime().availableProcessors());
        m.put("accelerator", Accelerators.installed().isEmpty() ? "none" : Accelerators.installed().getFirst().description());
        m.put("total_s", total);
        for (Map.Entry<String, Duration> e : r.timings().entrySet()) {
            m.put(e.getKey() + "_s", e.getValue().toNanos() / 1e9);
        }
        m.putAll(r.details());
        m.put("kl", r.klDivergence());
        m.put("knn_preservation_10", q.knnPreservation());
        m.put("label_accuracy_10", q.labelAccuracy().orElse(Double.NaN));
        return "RESULT " + json(m);
    }

    /** The GPU optimisation alone on the recipe's affinities, profiled per phase; one JSON line. */
    static String scaling(Data d, TsneParams p, Parallel par) {
        LayoutContext cpu = LayoutContext.quiet(par);
        KnnGraph knn = Tsne.neighbors(d.vectors(), p, cpu.withDevice(Device.GPU));
        SparseAffinities aff = new PerplexityAffinities(p.perplexity()).fit(knn, par);
        int n = d.vectors().size();
        double[] init = new double[n * p.dimensions()];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int c = 0; c < init.length; c++) {
            init[c] = rnd.nextGaussian() * 1e-4;
        }
        Gpu gpu = ((CudaAccelerator) Accelerators.installed().getFirst()).gpu();
        Map<String, Object> m = new LinkedHashMap<>();
        try (GpuTsne run = new GpuTsne(gpu, aff, init, p, cpu, GpuTsne.Fft.defaults(p.dimensions()), true)) {
            long t0 = System.nanoTime();
            run.finish();
            double seconds = (System.nanoTime() - t0) / 1e9;
            m.put("benchmark", "scaling");
            m.put("n", n);
            m.put("dim", p.dimensions());
            m.put("iterations", p.iterations());
            m.put("optimize_s", seconds);
            m.put("ms_per_iteration", seconds * 1000 / p.iterations());
            m.put("grid_side", run.gridSide());
            m.put("kl", run.klDivergence());
            run.phaseMillis().forEach((k, v) -> m.put("phase_" + k + "_ms", v));
            m.put("accelerator", gpu.description());
        }
        return "RESULT " + json(m);
    }

    /** Fashion-MNIST's 70,000 images (train then test) as 784 raw pixel values, with labels. */
    public static Data fashionMnist(Path dir) throws IOException {
        byte[] train = idx(dir.resolve("train-images-idx3-ubyte.gz"), 16);
        byte[] test = idx(dir.resolve("t10k-images-idx3-ubyte.gz"), 16);
        byte[] trainL = idx(dir.resolve("train-labels-idx1-ubyte.gz"), 8);
        byte[] testL = idx(dir.resolve("t10k-labels-idx1-ubyte.gz"), 8);
        int n = trainL.length + testL.length;
        float[] v = new float[n * 784];
        int c = 0;
        for (byte[] part : new byte[][] {train, test}) {
            for (byte px : part) {
                v[c++] = px & 0xff;
            }
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i < trainL.length ? trainL[i] : testL[i - trainL.length]) & 0xff;
        }
        return new Data(DenseVectors.wrap(v, n, 784), labels);
    }

    private static byte[] idx(Path gz, int header) throws IOException {
        if (!Files.exists(gz)) {
            throw new IOException(gz + " is missing (Debian: apt-get install dataset-fashion-mnist)");
        }
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(gz)))) {
            in.skipNBytes(header);
            return in.readAllBytes();
        }
    }

    /**
     * {@code n} points in {@code dims} dimensions around {@code clusters} Gaussian centres (centres with
     * standard deviation 10 per axis, points with 1), as the paper's ImageNet-sized test set; labels are
     * the clusters.
     */
    public static Data clusters(int n, int dims, int clusters, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] centres = new float[clusters * dims];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = (float) (rnd.nextGaussian() * 10);
        }
        float[] v = new float[Math.multiplyExact(n, dims)];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(clusters);
            labels[i] = c;
            for (int a = 0; a < dims; a++) {
                v[i * dims + a] = centres[c * dims + a] + (float) rnd.nextGaussian();
            }
        }
        return new Data(DenseVectors.wrap(v, n, dims), labels);
    }

    static String json(Map<String, Object> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add("\"" + k + "\": " + value(v)));
        return "{" + String.join(", ", parts) + "}";
    }

    private static String value(Object v) {
        if (v instanceof Number num) {
            double d = num.doubleValue();
            return Double.isFinite(d) ? (num instanceof Double || num instanceof Float
                    ? String.format(Locale.ROOT, "%.6g", d) : num.toString()) : "null";
        }
        return "\"" + String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
