/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import starmap.store.format.NpyHeader;

/**
 * t-SNE time against n: generated clustered data (128 dimensions, 1,000 Gaussian clusters, seeded;
 * reduced to 50 principal components inside the run), each size run in its own JVM capped at
 * {@code -Xmx8g}, 2D and 3D.
 *
 * <pre>
 * java -jar starmap-bench.jar scale [--data bench-data] [--sizes 10000,30000,100000,300000,1000000]
 *      [--dims 2,3] [--iters 750] [--threads 2]
 * </pre>
 */
public final class ScaleBench {
    private ScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        Path dir = Path.of(o.getOrDefault("--data", "bench-data")).resolve("scale");
        Files.createDirectories(dir);
        String threads = o.getOrDefault("--threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
        String iters = o.getOrDefault("--iters", "750");
        List<String> lines = new ArrayList<>();
        for (String size : o.getOrDefault("--sizes", "10000,30000,100000,300000,1000000").split(",")) {
            int n = Integer.parseInt(size);
            Path in = generate(dir, n);
            for (String dim : o.getOrDefault("--dims", "2,3").split(",")) {
                Path out = dir.resolve("out-" + n + "-" + dim + "d.npy");
                Path time = dir.resolve("out-" + n + "-" + dim + "d.time");
                String java = ProcessHandle.current().info().command().orElse("java");
                List<String> cmd = List.of("/usr/bin/time", "-f", "%e %M", "-o", time.toString(), java, "-Xmx8g",
                        "--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector",
                        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-cp",
                        System.getProperty("java.class.path"), "starmap.bench.TsneRunner", in.toString(), out.toString(),
                        dim, "--iters", iters, "--threads", threads);
                System.err.println("running n=" + n + " " + dim + "D");
                Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String json = new String(p.getInputStream().readAllBytes()).lines().filter(l -> l.startsWith("{"))
                        .reduce((a, b) -> b).orElse("{}");
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("n=" + n + " " + dim + "D failed");
                }
                String[] t = Files.readString(time).trim().split("\\s+");
                String line = String.format(Locale.ROOT, "{\"n\": %d, \"dim\": %s, \"process_wall_s\": %s, "
                        + "\"peak_rss_mb\": %.0f, \"run\": %s}", n, dim, t[t.length - 2],
                        Long.parseLong(t[t.length - 1]) / 1024.0, json);
                System.out.println(line);
                lines.add(line);
                Files.write(dir.resolve("scale-results.jsonl"), lines);
            }
        }
    }

    /** Writes (once) n points of 128 dimensions around 1,000 seeded Gaussian centres. */
    static Path generate(Path dir, int n) throws Exception {
        Path file = dir.resolve("clusters-" + n + ".npy");
        if (Files.exists(file)) {
            return file;
        }
        int d = 128;
        SplittableRandom r = new SplittableRandom(7);
        float[][] centres = new float[1000][d];
        for (float[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = (float) (r.nextGaussian() * 3);
            }
        }
        Path tmp = dir.resolve("clusters-" + n + ".npy.tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            NpyHeader.write(out, "<f4", n, d);
            ByteBuffer row = ByteBuffer.allocate(d * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                float[] c = centres[r.nextInt(1000)];
                row.clear();
                for (int j = 0; j < d; j++) {
                    row.putFloat(c[j] + (float) r.nextGaussian());
                }
                out.write(row.array());
            }
        }
        Files.move(tmp, file);
        return file;
    }
}
