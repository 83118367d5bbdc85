/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.types.pojo.Schema;
import starmap.store.arrow.ArrowColumns;
import starmap.store.arrow.ArrowInsert;

/**
 * Writes the co-occurrence benchmark's Zipf rows ({@link CooccurrenceBench#zipfRows}: the same generator,
 * seed and sequence, so the first 20M rows are that benchmark's set) as a Parquet file of (user, item),
 * streamed through DuckDB without holding the rows:
 *
 * <pre>java -cp starmap-bench.jar starmap.bench.Bench zipf-parquet --rows 200000000 --users 10000000
 *     [--items 100000] [--zipf 1.0] --out rows.parquet</pre>
 */
final class ZipfParquet {
    private ZipfParquet() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = CooccurrenceBench.options(args);
        long rows = Long.parseLong(o.getOrDefault("rows", "20000000"));
        int users = Integer.parseInt(o.getOrDefault("users", "1000000"));
        int items = Integer.parseInt(o.getOrDefault("items", "100000"));
        double s = Double.parseDouble(o.getOrDefault("zipf", "1.0"));
        Path out = Path.of(o.getOrDefault("out", "rows.parquet")).toAbsolutePath();
        double[] cdf = new double[items];
        double sum = 0;
        for (int i = 0; i < items; i++) {
            sum += 1 / Math.pow(i + 1, s);
            cdf[i] = sum;
        }
        double total = sum;
        SplittableRandom rnd = new SplittableRandom(7);
        long[] done = {0};
        long t0 = System.nanoTime();
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:")) {
            Schema schema = new Schema(List.of(ArrowColumns.intField("user"), ArrowColumns.intField("item")));
            ArrowInsert.run(conn, schema, root -> {
                int n = (int) Math.min(1 << 16, rows - done[0]);
                if (n <= 0) {
                    return false;
                }
                IntVector u = (IntVector) root.getVector(0);
                IntVector it = (IntVector) root.getVector(1);
                u.allocateNew(n);
                it.allocateNew(n);
                for (int r = 0; r < n; r++) {
                    u.set(r, rnd.nextInt(users));
                    it.set(r, ClusterPoints.pick(cdf, rnd.nextDouble() * total));
                }
                u.setValueCount(n);
                it.setValueCount(n);
                root.setRowCount(n);
                done[0] += n;
                return true;
            }, "COPY (SELECT * FROM {stream}) TO '" + tmp.toString().replace("'", "''") + "' (FORMAT parquet)");
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.printf(Locale.ROOT, "%s: %,d rows (%,d users, %,d items, Zipf s = %.2f) in %.1f s, %,d MB%n", out, rows,
                users, items, s, (System.nanoTime() - t0) / 1e9, Files.size(out) >> 20);
    }
}
