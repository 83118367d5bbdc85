/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes benchmark rows as CSV and as a Markdown table with time ratios against the fastest peer. */
final class Report {
    private static final String[] COLUMNS = {"tool", "version", "dim", "n", "process_wall_s", "tool_wall_s",
        "peak_rss_mb", "kl_divergence", "knn_preservation@10", "trustworthiness@10", "label_accuracy@10",
        "precision@10/30", "recall@30/30", "phases"};

    private Report() {
    }

    static void write(List<Map<String, Object>> rows, Path base) throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Map<String, Object> r : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : COLUMNS) {
                String v = String.valueOf(r.getOrDefault(c, ""));
                cells.add(v.contains(",") || v.contains("\"") ? '"' + v.replace("\"", "\"\"") + '"' : v);
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        Files.writeString(base.resolveSibling(base.getFileName() + ".csv"), csv);
        StringBuilder md = new StringBuilder();
        for (int dim : new int[] {2, 3}) {
            List<Map<String, Object>> these = rows.stream().filter(r -> (int) r.get("dim") == dim).toList();
            if (these.isEmpty()) {
                continue;
            }
            double fastestPeer = these.stream().filter(r -> !r.get("tool").equals("starmap"))
                    .mapToDouble(r -> (double) r.get("process_wall_s")).min().orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "%n%dD (time ratio: process wall time / fastest peer's)%n%n", dim));
            md.append("| tool | wall s | ratio | tool-reported s | peak RSS MiB | KL | kNN@10 | trust@10 | label@10 |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Map<String, Object> r : these) {
                double wall = (double) r.get("process_wall_s");
                md.append(String.format(Locale.ROOT, "| %s %s | %.1f | %.2f | %.1f | %.0f | %s | %s | %s | %s |%n",
                        r.get("tool"), r.get("version"), wall, wall / fastestPeer, (double) r.get("tool_wall_s"),
                        (double) r.get("peak_rss_mb"), f(r.get("kl_divergence")), f(r.get("knn_preservation@10")),
                        f(r.get("trustworthiness@10")), f(r.get("label_accuracy@10"))));
            }
        }
        Files.writeString(base.resolveSibling(base.getFileName() + ".md"), md);
        System.out.println(md);
    }

    private static String f(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : "-";
    }
}
