/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import starmap.core.graph.KnnGraph;
import starmap.core.knn.ExactSearch;
import starmap.core.knn.Metric;
import starmap.core.layout.Embedding;
import starmap.core.layout.affinity.PerplexityAffinities;
import starmap.core.layout.affinity.SparseAffinities;
import starmap.core.parallel.Parallel;
import starmap.core.pca.Pca;
import starmap.core.pca.PcaModel;
import starmap.core.progress.Progress;
import starmap.core.quality.LayoutQuality;
import starmap.core.quality.QualityReport;
import starmap.core.vectors.DenseVectors;
import starmap.store.format.NpyHeader;

/**
 * t-SNE on Fashion-MNIST: Starmap and its peers (FIt-SNE, openTSNE, scikit-learn, Rtsne) in one run on
 * the same machine, each as its own process under {@code /usr/bin/time}, from the raw 784-dimensional
 * vectors; then every embedding scored by Starmap's own metrics against the same reference: exact kNN
 * in the 50 principal components, P at perplexity 30.
 *
 * <pre>
 * java -jar starmap-bench.jar tsne [--data bench-data] [--peers /path/to/peers] [--tools starmap,fitsne,...]
 *      [--dims 2,3] [--iters 750] [--threads 2] [--n N] [--evaluate-only]
 * </pre>
 *
 * Peers are not part of Starmap; {@code --peers} names a directory with their runner scripts
 * (docs/benchmarks.md says how to build them). Results go to DATA/tsne-results.{csv,md}.
 */
public final class TsneBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** "tsne", or "umap" for the UMAP comparison ({@code starmap-bench umap}): which tools, which folder. */
    private static String kind = "tsne";
    /** Points the metrics are measured over ({@code --quality-sample}; 10,000 by default, all with 0). */
    private static int qualitySample = 10_000;

    private TsneBench() {
    }

    /** A tool and the command that runs it. */
    private record Tool(String name, int[] dims, List<String> command) {
        boolean supports(int dim) {
            for (int d : dims) {
                if (d == dim) {
                    return true;
                }
            }
            return false;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        boolean evaluateOnly = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--evaluate-only")) {
                evaluateOnly = true;
            } else {
                o.put(args[i], args[++i]);
            }
        }
        kind = o.getOrDefault("--method", "tsne");
        int sample = Integer.parseInt(o.getOrDefault("--quality-sample", "10000"));
        qualitySample = sample <= 0 ? Integer.MAX_VALUE : sample;
        Path data = Path.of(o.getOrDefault("--data", "bench-data"));
        Files.createDirectories(data.resolve(kind));
        Path peers = Path.of(o.getOrDefault("--peers", System.getenv().getOrDefault("STARMAP_PEERS", "peers")));
        String iters = o.getOrDefault("--iters", "750");
        String threads = o.getOrDefault("--threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
        Path[] files = FashionMnist.prepare(data);
        List<String> common = new ArrayList<>(kind.equals("umap")
                ? List.of("--epochs", o.getOrDefault("--epochs", "0"), "--seed", "1", "--threads", threads)
                : List.of("--iters", iters, "--seed", "1", "--threads", threads));
        if (o.containsKey("--n")) {
            common.addAll(List.of("--n", o.get("--n")));
        }
        List<Tool> tools = tools(peers);
        List<String> wanted = List.of(o.getOrDefault("--tools", kind.equals("umap") ? "starmap,umap-learn"
                : "starmap,fitsne,opentsne,rtsne,sklearn").split(","));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String dimText : o.getOrDefault("--dims", "2,3").split(",")) {
            int dim = Integer.parseInt(dimText);
            for (Tool t : tools) {
                if (!wanted.contains(t.name()) || !t.supports(dim)) {
                    continue;
                }
                Path out = data.resolve(kind).resolve(t.name() + "-" + dim + "d.npy");
                Map<String, Object> row = evaluateOnly ? read(data, t.name(), dim) : run(t, files[0], out, dim, common, data);
                row.put("output", out.toString());
                rows.add(row);
            }
        }
        evaluate(rows, files, o.containsKey("--n") ? Integer.parseInt(o.get("--n")) : -1, Integer.parseInt(threads));
        Report.write(rows, data.resolve(kind + "-results"));
    }

    private static List<Tool> tools(Path peers) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> starmap = new ArrayList<>(List.of(java, "-Xmx8g", "--enable-native-access=ALL-UNNAMED",
                "--add-modules=jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                kind.equals("umap") ? "starmap.bench.UmapRunner" : "starmap.bench.TsneRunner"));
        String py = "/usr/bin/python3";
        if (kind.equals("umap")) {
            return List.of(new Tool("starmap", new int[] {2, 3}, starmap),
                    new Tool("umap-learn", new int[] {2, 3}, List.of(py, peers.resolve("run_umap.py").toString())));
        }
        return List.of(
                new Tool("starmap", new int[] {2, 3}, starmap),
                new Tool("fitsne", new int[] {2}, List.of(py, peers.resolve("run_fitsne.py").toString())),
                new Tool("opentsne", new int[] {2}, List.of(py, peers.resolve("run_opentsne.py").toString())),
                new Tool("rtsne", new int[] {2, 3}, List.of("Rscript", peers.resolve("run_rtsne.R").toString())),
                new Tool("sklearn", new int[] {2, 3}, List.of(py, peers.resolve("run_sklearn.py").toString())));
    }

    private static Map<String, Object> run(Tool t, Path in, Path out, int dim, List<String> common, Path data)
            throws Exception {
        Path timeFile = data.resolve(kind).resolve(t.name() + "-" + dim + "d.time");
        Path log = data.resolve(kind).resolve(t.name() + "-" + dim + "d.log");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M", "-o", timeFile.toString()));
        cmd.addAll(t.command());
        cmd.addAll(List.of(in.toString(), out.toString(), Integer.toString(dim)));
        cmd.addAll(common);
        System.err.println("running " + t.name() + " " + dim + "D: " + String.join(" ", cmd));
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        Files.writeString(data.resolve(kind).resolve(t.name() + "-" + dim + "d.json"), stdout);
        if (exit != 0) {
            throw new IllegalStateException(t.name() + " " + dim + "D failed (exit " + exit + "); see " + log);
        }
        return read(data, t.name(), dim);
    }

    /** The tool's JSON line and the process figures from /usr/bin/time. */
    private static Map<String, Object> read(Path data, String tool, int dim) throws IOException {
        Path dir = data.resolve(kind);
        String stdout = Files.readString(dir.resolve(tool + "-" + dim + "d.json"));
        String line = stdout.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(() ->
                new IllegalStateException(tool + " printed no JSON line"));
        JsonNode j = JSON.readTree(line);
        String[] time = Files.readString(dir.resolve(tool + "-" + dim + "d.time")).trim().split("\\s+");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("tool", tool);
        row.put("version", j.path("version").asText());
        row.put("dim", dim);
        row.put("n", j.path("n").asInt());
        row.put("tool_wall_s", j.path("wall_s").asDouble());
        row.put("process_wall_s", Double.parseDouble(time[time.length - 2]));
        row.put("peak_rss_mb", Long.parseLong(time[time.length - 1]) / 1024.0);
        row.put("phases", j.path("phases").toString());
        return row;
    }

    /** Scores every embedding against one reference: PCA-50, exact kNN (k = 90), P at perplexity 30. */
    private static void evaluate(List<Map<String, Object>> rows, Path[] files, int limit, int threads) throws Exception {
        NpyHeader h;
        try (FileChannel ch = FileChannel.open(files[0], StandardOpenOption.READ)) {
            h = NpyHeader.read(files[0], ch);
        }
        int n = limit > 0 ? limit : (int) h.shape()[0];
        int[] labels = labels(files[1], n);
        try (Parallel par = Parallel.of(threads);
             DenseVectors raw = DenseVectors.map(files[0], h.dataOffset(), n, (int) h.shape()[1], false)) {
            PcaModel pca = Pca.fit(raw, 50, Pca.Solver.AUTO, 1, par);
            try (DenseVectors space = pca.transform(raw, par)) {
                KnnGraph knn = new ExactSearch().search(space, 90, Metric.EUCLIDEAN, par, Progress.NONE);
                SparseAffinities p = new PerplexityAffinities(30).fit(knn, par);
                for (Map<String, Object> row : rows) {
                    Embedding e = embedding(Path.of((String) row.get("output")), n);
                    long t0 = System.nanoTime();
                    QualityReport q = LayoutQuality.measure(space, e, Optional.of(labels), Optional.of(p),
                            new LayoutQuality.Options(Math.min(n, qualitySample), 30, 1, Metric.EUCLIDEAN), par);
                    row.putAll(q.asMetrics());
                    System.err.printf(Locale.ROOT, "scored %s %sD in %.0f s: KL %.4f, kNN@10 %.4f, trust@10 %.4f, "
                            + "label@10 %.4f%n", row.get("tool"), row.get("dim"), (System.nanoTime() - t0) / 1e9,
                            q.klDivergence().orElse(Double.NaN), q.knnPreservation(), q.trustworthiness(),
                            q.labelAccuracy().orElse(Double.NaN));
                }
            }
        }
    }

    private static int[] labels(Path file, int n) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader h = NpyHeader.read(file, ch);
            ByteBuffer b = ByteBuffer.allocate(n * 8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, h.dataOffset());
            b.flip();
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = (int) b.getLong();
            }
            return out;
        }
    }

    private static Embedding embedding(Path file, int n) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader h = NpyHeader.read(file, ch);
            int dim = (int) h.shape()[1];
            if (h.shape()[0] != n || !h.descr().endsWith("f4") && !h.descr().endsWith("f8")) {
                throw new IOException(file + ": expected " + n + " rows of float32/64, got " + java.util.Arrays.toString(h.shape())
                        + " " + h.descr());
            }
            int width = h.descr().endsWith("f8") ? 8 : 4;
            ByteBuffer b = ByteBuffer.allocate(n * dim * width).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, h.dataOffset());
            b.flip();
            float[] y = new float[n * dim];
            for (int i = 0; i < y.length; i++) {
                y[i] = width == 8 ? (float) b.getDouble() : b.getFloat();
            }
            return Embedding.of(dim, y);
        }
    }
}
