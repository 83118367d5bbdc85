/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import starmap.core.progress.Progress;
import starmap.store.Atlas;
import starmap.store.format.NpyHeader;
import starmap.store.importers.ImportOptions;
import starmap.store.importers.Importer;

/**
 * Import speed: Starmap's importer against DuckDB's own {@code read_parquet} / {@code read_csv} on the
 * same files, in the same JVM, alternating, with medians over repeats.
 *
 * <pre>
 * java -Xmx2g -jar starmap-bench/target/starmap-bench.jar [--data DIR] [--points N] [--dim D] [--repeats R]
 * </pre>
 *
 * Inputs (generated once, seeded, into DIR): {@code vectors.npy} (N × D float32), {@code meta.csv}
 * (id, label, score, name), and {@code points.parquet} (the same columns with the vector as FLOAT[D],
 * written by DuckDB from the CSV and the npy's values). Fashion-MNIST is measured when installed.
 */
public final class ImportBench {
    private ImportBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        Path data = Path.of(opt.getOrDefault("--data", "bench-data"));
        int n = Integer.parseInt(opt.getOrDefault("--points", "1000000"));
        int d = Integer.parseInt(opt.getOrDefault("--dim", "128"));
        int repeats = Integer.parseInt(opt.getOrDefault("--repeats", "3"));
        Files.createDirectories(data);
        Inputs in = Inputs.generate(data, n, d);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("starmap import vectors.npy --metadata meta.csv", () -> starmap(data, "npy_csv",
                ImportOptions.builder(data.resolve("npy_csv.duckdb"), List.of(in.npy())).metadata(List.of(in.csv())))));
        cases.add(new Case("starmap import points.parquet", () -> starmap(data, "parquet",
                ImportOptions.builder(data.resolve("parquet.duckdb"), List.of(in.parquet())))));
        cases.add(new Case("duckdb read_parquet(points.parquet) into a table", () -> duckdb(data, "duck_parquet",
                "CREATE TABLE points AS SELECT * FROM read_parquet('" + in.parquet() + "')")));
        cases.add(new Case("duckdb read_csv(meta.csv) into a table", () -> duckdb(data, "duck_csv",
                "CREATE TABLE meta AS SELECT * FROM read_csv('" + in.csv() + "')")));
        Path fm = Path.of("/usr/share/datasets/fashion-mnist");
        if (Files.isDirectory(fm)) {
            cases.add(new Case("starmap import Fashion-MNIST (idx.gz, 70,000 x 784)", () -> starmap(data, "fmnist",
                    ImportOptions.builder(data.resolve("fmnist.duckdb"), List.of(fm.resolve("train-images-idx3-ubyte.gz"),
                            fm.resolve("t10k-images-idx3-ubyte.gz"))))));
        }
        Map<Case, List<Measure>> results = new LinkedHashMap<>();
        for (int r = 0; r < repeats; r++) {
            for (Case c : cases) {
                Measure m = Measure.of(c.work());
                results.computeIfAbsent(c, k -> new ArrayList<>()).add(m);
                System.err.printf(Locale.ROOT, "run %d  %-55s %7.2f s  heap %6.0f MiB  rss %6.0f MiB%n", r + 1,
                        c.name(), m.seconds(), m.heapMb(), m.rssMb());
            }
        }
        report(results, n, d, data.resolve("import-results.csv"));
    }

    private record Case(String name, Measure.Work work) {
    }

    private record Inputs(Path npy, Path csv, Path parquet) {
        static Inputs generate(Path dir, int n, int d) throws Exception {
            Path npy = dir.resolve("vectors.npy");
            Path csv = dir.resolve("meta.csv");
            Path parquet = dir.resolve("points.parquet");
            String tag = n + "x" + d;
            Path stamp = dir.resolve("inputs-" + tag + ".done");
            if (Files.exists(stamp)) {
                return new Inputs(npy, csv, parquet);
            }
            System.err.println("generating " + tag + " inputs in " + dir + " …");
            SplittableRandom rnd = new SplittableRandom(42);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(npy), 1 << 20);
                 BufferedWriter meta = Files.newBufferedWriter(csv)) {
                NpyHeader.write(out, "<f4", n, d);
                ByteBuffer row = ByteBuffer.allocate(d * 4).order(ByteOrder.LITTLE_ENDIAN);
                meta.write("id,label,score,name\n");
                for (int i = 0; i < n; i++) {
                    int cluster = rnd.nextInt(100);
                    row.clear();
                    for (int j = 0; j < d; j++) {
                        row.putFloat((float) (cluster * ((j * 31 + cluster) % 7) * 0.1 + rnd.nextGaussian()));
                    }
                    out.write(row.array());
                    meta.write("img-" + i + ",class-" + cluster + "," + String.format(Locale.ROOT, "%.4f",
                            rnd.nextDouble()) + ",\"item " + i + ", cluster " + cluster + "\"\n");
                }
            }
            Path tmp = dir.resolve("gen.duckdb");
            Files.deleteIfExists(tmp);
            ImportOptions o = ImportOptions.builder(tmp, List.of(npy)).metadata(List.of(csv)).build();
            Importer.run(o, Progress.NONE);
            try (Atlas a = Atlas.openReadOnly(tmp); Statement s = a.connection().createStatement()) {
                s.execute("COPY (SELECT id, label, score, name, vector FROM points ORDER BY row_idx) TO '" + parquet
                        + "' (FORMAT parquet, COMPRESSION zstd)");
            }
            Files.delete(tmp);
            Files.writeString(stamp, "");
            return new Inputs(npy, csv, parquet);
        }
    }

    private static void starmap(Path dir, String name, ImportOptions.Builder b) throws IOException {
        Path atlas = dir.resolve(name + ".duckdb");
        Files.deleteIfExists(atlas);
        Importer.run(b.build(), Progress.NONE);
        Files.delete(atlas);
    }

    private static void duckdb(Path dir, String name, String sql) throws Exception {
        Path db = dir.resolve(name + ".duckdb");
        Files.deleteIfExists(db);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            s.execute(sql);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + (sql.contains("TABLE points") ? "points" : "meta"))) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    throw new IllegalStateException("DuckDB read no rows");
                }
            }
        }
        Files.delete(db);
    }

    private static void report(Map<Case, List<Measure>> results, int n, int d, Path csvOut) throws IOException {
        System.out.printf(Locale.ROOT, "%nImport benchmark: %,d x %d float32 + metadata; %d cores; Java %s; median of %d%n%n",
                n, d, Runtime.getRuntime().availableProcessors(), Runtime.version(), results.values().iterator().next().size());
        System.out.println("| case | wall s (median) | min-max | peak heap MiB | peak RSS MiB |");
        System.out.println("|---|---:|---:|---:|---:|");
        StringBuilder csv = new StringBuilder("case,run,seconds,heap_mib,rss_mib\n");
        for (Map.Entry<Case, List<Measure>> e : results.entrySet()) {
            double[] s = e.getValue().stream().mapToDouble(Measure::seconds).sorted().toArray();
            double heap = e.getValue().stream().mapToDouble(Measure::heapMb).max().orElse(0);
            double rss = e.getValue().stream().mapToDouble(Measure::rssMb).max().orElse(0);
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f-%.2f | %.0f | %.0f |%n", e.getKey().name(), median(s),
                    s[0], s[s.length - 1], heap, rss);
            for (int i = 0; i < e.getValue().size(); i++) {
                Measure m = e.getValue().get(i);
                csv.append(String.format(Locale.ROOT, "\"%s\",%d,%.3f,%.0f,%.0f%n", e.getKey().name(), i + 1,
                        m.seconds(), m.heapMb(), m.rssMb()));
            }
        }
        Files.writeString(csvOut, csv);
        System.out.println("\nper-run figures: " + csvOut);
    }

    private static double median(double[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!List.of("--data", "--points", "--dim", "--repeats").contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; options: --data, --points, --dim, "
                        + "--repeats; got " + Arrays.toString(args));
            }
            out.put(args[i], args[i + 1]);
        }
        return out;
    }
}
