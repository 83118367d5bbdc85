/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import starmap.core.InvalidInputException;
import starmap.core.layout.LayoutManifest;
import starmap.store.Atlas;

/** {@code starmap quality}: the quality metrics of an atlas's layouts. */
@Command(name = "quality", mixinStandardHelpOptions = true,
        description = {"Show how faithful layouts are: KL divergence (t-SNE's objective; t-SNE and PCA layouts), kNN "
                + "preservation and trustworthiness at k = 10, label kNN accuracy, and the precision/recall curve of "
                + "k-nearest neighbourhoods.",
            "Without --layout, a table of every layout (method, time, metrics, key parameters) to compare them; with it, "
                + "that layout's details and curve."},
        footer = {"", "Examples:", "  starmap quality fmnist.duckdb", "  starmap quality fmnist.duckdb --layout tsne-2d"})
final class QualityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ATLAS", description = "The atlas file.")
    Path atlas;

    @Option(names = "--layout", paramLabel = "NAME", description = "One layout in detail.")
    String layout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Atlas a = Atlas.openReadOnly(atlas)) {
            List<LayoutManifest> all = a.layouts().list();
            if (layout == null) {
                table(all, out);
                return 0;
            }
            LayoutManifest m = a.layouts().manifest(layout).orElseThrow(() -> InvalidInputException.in("--layout")
                    .problem("no layout named '" + layout + "' in " + atlas + "; layouts: "
                            + String.join(", ", all.stream().map(LayoutManifest::name).toList())));
            detail(m, out);
        }
        return 0;
    }

    static void table(List<LayoutManifest> all, PrintWriter out) {
        if (all.isEmpty()) {
            out.println("No layouts yet (make one with 'starmap embed').");
            return;
        }
        // maps of relations also show how they draw their graph
        String graphKey = all.stream().flatMap(m -> m.metrics().keySet().stream())
                .filter(k -> k.startsWith("graph_neighbors@")).findFirst().orElse(null);
        out.printf("%-16s %-8s %3s %9s %8s %8s %8s %8s", "layout", "method", "dim", "time s", "KL", "kNN@10",
                "trust@10", "label@10");
        if (graphKey != null) {
            out.printf(" %8s %8s", graphKey.replace("graph_neighbors", "graph"), "edge len");
        }
        out.println("  parameters");
        for (LayoutManifest m : all) {
            double s = m.timings().values().stream().mapToDouble(d -> d.toNanos() / 1e9).sum();
            Map<String, Double> x = m.metrics();
            out.printf(Locale.ROOT, "%-16s %-8s %3d %9.1f %8s %8s %8s %8s", m.name(), m.method(), m.dimension(), s,
                    fmt(x.get("kl_divergence")), fmt(x.get("knn_preservation@10")), fmt(x.get("trustworthiness@10")),
                    fmt(x.get("label_accuracy@10")));
            if (graphKey != null) {
                out.printf(" %8s %8s", fmt(x.get(graphKey)), fmt(x.get("edge_length")));
            }
            out.println("  " + keyParameters(m));
        }
    }

    /** The parameters that tell layouts of one method apart, and where the input came from. */
    static String keyParameters(LayoutManifest m) {
        List<String> keys = switch (m.method()) {
            case "tsne" -> List.of("perplexity", "iterations", "run.approximation");
            case "umap" -> List.of("n_neighbors", "min_dist", "run.epochs", "run.initialization");
            case "mde" -> List.of("repulsive_fraction", "run.iterations", "run.initialization");
            case "node2vec" -> List.of("p", "q", "walk_length", "walks_per_node", "window");
            default -> List.of();
        };
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            Object v = m.parameters().get(k);
            if (v != null) {
                out.add(k.replace("run.", "") + "=" + v);
            }
        }
        Object from = m.parameters().get("from");
        if (from != null) {
            out.add("from=" + from);
        }
        return String.join(" ", out);
    }

    private static String fmt(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static void detail(LayoutManifest m, PrintWriter out) {
        out.printf("Layout %s: %s, %d-D, created %s%n", m.name(), m.method(), m.dimension(), m.createdAt());
        out.println("Parameters  " + m.parameters());
        List<String> t = new ArrayList<>();
        m.timings().forEach((k, v) -> t.add(String.format(Locale.ROOT, "%s %.2f s", k, v.toNanos() / 1e9)));
        out.println("Timings     " + String.join(", ", t));
        printHeadline(m.metrics(), out);
        List<String> curve = new ArrayList<>();
        m.metrics().forEach((k, v) -> {
            if (k.startsWith("precision@")) {
                String at = k.substring("precision@".length());
                Double r = m.metrics().get("recall@" + at);
                int size = Integer.parseInt(at.substring(0, at.indexOf('/')));
                if (size == 1 || size % 10 == 0) {
                    curve.add(String.format(Locale.ROOT, "  k=%-3d precision %.4f  recall %.4f", size, v, r));
                }
            }
        });
        if (!curve.isEmpty()) {
            out.println("Precision/recall of the k nearest layout neighbours against the data neighbourhood:");
            curve.forEach(out::println);
        }
    }

    static void printHeadline(Map<String, Double> x, PrintWriter out) {
        if (x.isEmpty()) {
            out.println("  quality  not measured");
            return;
        }
        out.printf(Locale.ROOT, "  quality  KL %s, kNN preservation@10 %s, trustworthiness@10 %s, label accuracy@10 %s "
                + "(over %s points)%n", fmt(x.get("kl_divergence")), fmt(x.get("knn_preservation@10")),
                fmt(x.get("trustworthiness@10")), fmt(x.get("label_accuracy@10")),
                x.containsKey("quality_sample") ? String.format(Locale.ROOT, "%,.0f", x.get("quality_sample")) : "-");
        x.keySet().stream().filter(k -> k.startsWith("graph_neighbors@")).findFirst().ifPresent(k -> out.printf(
                Locale.ROOT, "  graph    neighbours kept@%s %s, edge length / extent %s%n",
                k.substring(k.indexOf('@') + 1), fmt(x.get(k)), fmt(x.get("edge_length"))));
    }
}
