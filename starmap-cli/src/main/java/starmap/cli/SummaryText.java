/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import starmap.core.layout.LayoutManifest;
import starmap.store.AtlasSummary;
import starmap.store.ColumnRole;
import starmap.store.KnnGraphInfo;
import starmap.store.SourceInfo;

/** The text form of {@code starmap info}. */
final class SummaryText {
    private SummaryText() {
    }

    static void print(AtlasSummary s, PrintWriter out) {
        Map<String, String> info = s.info();
        out.println("Atlas     " + s.path());
        out.println("          schema v" + info.get("schema_version") + ", created " + info.get("created_at")
                + " by Starmap " + info.get("starmap_version"));
        out.printf(Locale.ROOT, "Points    %,d%s%n", s.points(),
                info.containsKey("id_source") ? "  (ids from " + info.get("id_source") + ")" : "");
        out.println("Vectors   " + (s.vectorDimension().isPresent()
                ? s.vectorDimension().getAsInt() + " dimensions, float32" : "none"));
        s.images().ifPresent(i -> out.println("Images    " + i.describe()));
        columns(s, out);
        sources(s.sources(), out);
        layouts(s.layouts(), out);
        graphs(s.knnGraphs(), out);
        out.printf(Locale.ROOT, "%nAnnotations  %,d log entries%n", s.annotations());
    }

    private static void columns(AtlasSummary s, PrintWriter out) {
        if (s.columns().isEmpty()) {
            return;
        }
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"name", "type", "role", "distinct", "nulls", "most frequent"});
        for (AtlasSummary.ColumnSummary c : s.columns()) {
            List<String> top = new ArrayList<>();
            for (AtlasSummary.ValueCount v : c.top()) {
                top.add(v.value() + " " + String.format(Locale.ROOT, "%,d", v.count()));
            }
            rows.add(new String[] {c.column().name(), c.column().type().sql(), c.column().role().sql(),
                String.format(Locale.ROOT, c.column().role() == ColumnRole.ID ? "%,d" : "~%,d", c.distinct()), String.format(Locale.ROOT, "%,d", c.nulls()),
                String.join(" · ", top)});
        }
        table("Columns", rows, out, 3, 4);
    }

    private static void sources(List<SourceInfo> sources, PrintWriter out) {
        if (sources.isEmpty()) {
            return;
        }
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"role", "format", "rows", "file"});
        for (SourceInfo src : sources) {
            rows.add(new String[] {src.role(), src.format(), String.format(Locale.ROOT, "%,d", src.rows()), src.path()});
        }
        table("Sources", rows, out, 2);
    }

    private static void layouts(List<LayoutManifest> layouts, PrintWriter out) {
        out.println();
        if (layouts.isEmpty()) {
            out.println("Layouts   none yet");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"name", "method", "dim", "time", "metrics"});
        for (LayoutManifest m : layouts) {
            Duration total = m.timings().values().stream().reduce(Duration.ZERO, Duration::plus);
            List<String> metrics = new ArrayList<>();
            // the precision/recall curve is for 'starmap quality --layout'; here only the headline figures
            m.metrics().forEach((k, v) -> {
                if (!k.startsWith("precision@") && !k.startsWith("recall@") && !k.equals("quality_sample")) {
                    metrics.add(k + "=" + String.format(Locale.ROOT, "%.4g", v));
                }
            });
            rows.add(new String[] {m.name(), m.method(), Integer.toString(m.dimension()),
                String.format(Locale.ROOT, "%.1f s", total.toMillis() / 1000.0), String.join("  ", metrics)});
        }
        table("Layouts", rows, out, 2, 3);
    }

    private static void graphs(List<KnnGraphInfo> graphs, PrintWriter out) {
        out.println();
        if (graphs.isEmpty()) {
            out.println("kNN graphs  none yet");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"name", "k", "metric", "parameters"});
        for (KnnGraphInfo g : graphs) {
            rows.add(new String[] {g.name(), Integer.toString(g.k()), g.metric(), g.parameters().toString()});
        }
        table("kNN graphs", rows, out, 1);
    }

    /** Prints rows as aligned columns; columns listed in {@code rightAligned} are right-aligned. */
    private static void table(String title, List<String[]> rows, PrintWriter out, int... rightAligned) {
        out.println(title);
        int cols = rows.getFirst().length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < cols; c++) {
                boolean right = false;
                for (int x : rightAligned) {
                    right |= x == c;
                }
                String cell = c == cols - 1 && !right ? r[c]
                        : right ? " ".repeat(width[c] - r[c].length()) + r[c] : r[c] + " ".repeat(width[c] - r[c].length());
                line.append(cell).append(c < cols - 1 ? "  " : "");
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
