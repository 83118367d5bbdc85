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
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import starmap.core.InvalidInputException;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.mde.MdeParams;
import starmap.core.layout.node2vec.Node2VecParams;
import starmap.core.layout.tsne.TsneParams;
import starmap.core.layout.umap.UmapParams;
import starmap.core.parallel.Parallel;
import starmap.core.relations.CooccurrenceParams;
import starmap.core.relations.Transform;
import starmap.store.Atlas;
import starmap.store.layouts.EmbedRequest;
import starmap.store.layouts.Embedder;
import starmap.store.importers.AtlasFiles;
import starmap.store.relations.RelationsImporter;
import starmap.store.relations.RelationsOptions;
import starmap.store.relations.RelationsReport;

/**
 * {@code starmap relate}: collections or an edge list → co-occurrence → k-nearest-neighbour graph → a
 * graph embedding (MDE or node2vec, 3-8 dimensions) → 2D and 3D maps, in one command.
 */
@Command(name = "relate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Map relationship data: rows of (collection, item) — playlists, baskets, watch lists, score "
                + "sheets — or related-item edges (source, target). Items that share collections become neighbours; "
                + "the graph is embedded in a few dimensions (MDE or node2vec) and projected to 2D and 3D maps "
                + "(t-SNE, UMAP or PCA), each stored with its quality.",
            "",
            "Each step can also run alone: --embed none stops after the graph; 'starmap embed ATLAS --method mde "
                + "--dim 4' embeds it; 'starmap embed ATLAS --method tsne --from mde-4d' projects it."},
        footer = {"", "Examples:",
            "  starmap relate plays.csv --atlas music.duckdb --items artists.csv --min-count 5",
            "  starmap relate scores.parquet --atlas songs.duckdb --attribute-column difficulty --attribute-scale 2",
            "  starmap relate related.tsv --edges --atlas artists.duckdb --embed node2vec --project umap",
            "  starmap relate plays.parquet --atlas music.duckdb --engine spark --spark-memory 8g",
            "  starmap relate spark-output/ --atlas music.duckdb   (a directory the Spark job wrote)"})
final class RelateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Collections (collection, item[, weight][, time][, attribute]) or, "
            + "with --edges, related items (source, target[, weight]): CSV, TSV, Parquet or JSON Lines.")
    Path input;

    @Option(names = "--atlas", required = true, description = "The atlas to create.")
    Path atlas;

    @Option(names = "--edges", description = "The file lists related-item edges, not collections.")
    boolean edges;

    @Option(names = {"--collection-column", "--source-column"}, description = "Collection (or source) column "
            + "(default: the first).")
    String first;

    @Option(names = {"--item-column", "--target-column"}, description = "Item (or target) column (default: the second).")
    String second;

    @Option(names = "--weight-column", description = "Per-row weight, e.g. a rating or play count (default: a column "
            + "named 'weight', if any). A pair of rows weighs sqrt(w_a · w_b).")
    String weight;

    @Option(names = "--time-column", description = "Timestamp per row; with --time-scale, pairs far apart in time weigh less.")
    String time;

    @Option(names = "--time-scale", defaultValue = "0", description = "Time apart (in the column's unit; seconds for "
            + "timestamps) at which a pair's weight falls to 1/e (default: ${DEFAULT-VALUE}: off).")
    double timeScale;

    @Option(names = "--attribute-column", description = "Numeric attribute per row (a score, a difficulty); with "
            + "--attribute-scale, pairs whose attributes differ weigh less.")
    String attribute;

    @Option(names = "--attribute-scale", defaultValue = "0", description = "Attribute difference at which a pair's "
            + "weight falls to 1/e (default: ${DEFAULT-VALUE}: off).")
    double attributeScale;

    @Option(names = "--max-collection", defaultValue = "1000", description = "Collections larger than this are split "
            + "into seeded random parts of at most this many rows (weights scaled to stay unbiased) "
            + "(default: ${DEFAULT-VALUE}).")
    int maxCollection;

    @Option(names = "--items", description = "Item metadata (name, category, popularity, …): CSV, TSV, Parquet or JSON "
            + "Lines, joined by its first column (or --items-id-column).")
    Path items;

    @Option(names = "--items-id-column", description = "The item id column of --items (default: the first).")
    String itemsId;

    @Option(names = "--label-column", description = "The --items column that colours the map and is scored by label "
            + "accuracy (default: one named 'category' or 'label').")
    String label;

    @Option(names = "--min-count", defaultValue = "1", description = "Drop items seen in fewer rows (default: ${DEFAULT-VALUE}).")
    int minCount;

    @Option(names = "--max-items", description = "Keep only the most frequent items (default: all).")
    Integer maxItems;

    @Option(names = "--k", defaultValue = "15", description = "Neighbours per item in the graph (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--transform", defaultValue = "log", description = "Similarity to dissimilarity: log (1/log(1+x)), "
            + "pmi, ppmi or jaccard (default: ${DEFAULT-VALUE}).")
    String transform;

    @Option(names = "--embed", defaultValue = "mde", description = "Graph embedding: mde, node2vec or none "
            + "(default: ${DEFAULT-VALUE}).")
    String embed;

    @Option(names = "--embed-dim", description = "Its dimensions (default: 4 for MDE, 8 for node2vec, which needs "
            + "more room to keep many communities apart).")
    Integer embedDim;

    @Option(names = "--project", defaultValue = "tsne", description = "2D/3D projection of the embedding: tsne, umap "
            + "or pca (default: ${DEFAULT-VALUE}).")
    String project;

    @Option(names = "--dims", defaultValue = "2,3", split = ",", description = "Map dimensions (default: ${DEFAULT-VALUE}).")
    List<Integer> dims;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Worker threads (default: all processors).")
    Integer threads;

    @Option(names = "--engine", defaultValue = "local", description = "Where the co-occurrence and the graph are "
            + "computed: local (this process) or spark (a Spark job: local mode, or the cluster of --master) "
            + "(default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--master", description = "With --engine spark: the Spark master URL, e.g. spark://host:7077 or "
            + "yarn (default: local mode on all cores, or --threads).")
    String master;

    @Option(names = "--spark-out", description = "With --engine spark: keep the job's output directory here (default: "
            + "a temporary directory beside the atlas, removed after the import).")
    Path sparkOut;

    @Option(names = "--spark-memory", description = "With --engine spark: the Spark driver's heap, e.g. 8g (in local "
            + "mode it also holds the executors).")
    String sparkMemory;

    @Option(names = "--replace", description = "Replace an existing atlas (only if everything succeeds).")
    boolean replace;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EmbedRequest.Method graphMethod = switch (embed.toLowerCase(Locale.ROOT)) {
            case "mde" -> EmbedRequest.Method.MDE;
            case "node2vec" -> EmbedRequest.Method.NODE2VEC;
            case "none" -> null;
            default -> throw InvalidInputException.in("--embed").problem("unknown graph embedding '" + embed
                    + "'; expected mde, node2vec or none");
        };
        EmbedRequest.Method projection = EmbedRequest.Method.parse(project);
        if (projection.onGraph()) {
            throw InvalidInputException.in("--project").problem("expected tsne, umap or pca, got '" + project + "'");
        }
        for (int d : dims) {
            if (d < 1 || d > 3) {
                throw InvalidInputException.in("--dims").problem("map dimensions are 1, 2 or 3, got " + d);
            }
        }
        CooccurrenceParams cooc = new CooccurrenceParams(attributeScale, timeScale, maxCollection, seed);
        RelationsOptions o = new RelationsOptions(atlas, input, edges, Optional.ofNullable(first),
                Optional.ofNullable(second), Optional.ofNullable(weight), Optional.ofNullable(time),
                Optional.ofNullable(attribute), Optional.ofNullable(items), Optional.ofNullable(itemsId),
                Optional.ofNullable(label), minCount, maxItems == null ? Integer.MAX_VALUE : maxItems, cooc, k,
                Transform.parse(transform), replace);
        ConsoleProgress progress = new ConsoleProgress(System.err, quiet);
        Path jobOut = null;
        try (Parallel par = threads == null ? Parallel.ofAvailableProcessors() : Parallel.of(threads)) {
            RelationsReport r;
            if (spark()) {
                AtlasFiles.checkTarget(atlas.toAbsolutePath(), replace); // before the job, not after
                jobOut = sparkOut != null ? sparkOut : atlas.toAbsolutePath().resolveSibling("." + atlas.getFileName()
                        + ".spark-" + ProcessHandle.current().pid());
                SparkJob.run(sparkArgs(jobOut), master != null ? master : threads != null ? "local[" + threads + "]"
                        : null, sparkMemory, spec.commandLine().getErr());
                try {
                    r = RelationsImporter.run(o.withInput(jobOut), par, progress);
                } catch (RuntimeException e) {
                    spec.commandLine().getErr().println("The Spark job's output is kept in " + jobOut
                            + " (starmap relate " + jobOut + " --atlas … imports it again).");
                    jobOut = null;
                    throw e;
                }
            } else {
                r = RelationsImporter.run(o, par, progress);
            }
            print(r, out);
            if (graphMethod == null) {
                out.println("Next: starmap embed " + atlas + " --method mde --dim 4");
                return 0;
            }
            LayoutContext ctx = new LayoutContext(par, progress, (it, total, kl) -> progress.advance(1));
            int embedDim = this.embedDim != null ? this.embedDim : graphMethod == EmbedRequest.Method.MDE ? 4 : 8;
            try (Atlas a = Atlas.open(atlas)) {
                String graphLayout = graphMethod.cliName() + "-" + embedDim + "d";
                Embedder.run(a, new EmbedRequest(graphMethod, Optional.of(graphLayout), TsneParams.DEFAULTS,
                        UmapParams.DEFAULTS, true, true, Optional.empty(), MdeParams.DEFAULTS.withDimensions(embedDim)
                        .withSeed(seed), Node2VecParams.DEFAULTS.withDimension(embedDim).withSeed(seed)), ctx);
                for (int d : dims) {
                    Embedder.run(a, new EmbedRequest(projection, Optional.empty(),
                            TsneParams.DEFAULTS.withDimensions(d).withSeed(seed),
                            UmapParams.DEFAULTS.withDimensions(d).withSeed(seed), true, true,
                            Optional.of(graphLayout)), ctx);
                }
                out.println();
                QualityCommand.table(a.layouts().list(), out);
            }
            out.println("Next: starmap serve " + atlas);
        } finally {
            if (jobOut != null && sparkOut == null) {
                deleteTree(jobOut);
            }
        }
        return 0;
    }

    private boolean spark() {
        switch (engine.toLowerCase(Locale.ROOT)) {
            case "local" -> {
                if (master != null || sparkOut != null || sparkMemory != null) {
                    throw InvalidInputException.in(master != null ? "--master" : sparkOut != null ? "--spark-out"
                            : "--spark-memory").problem("only applies with --engine spark");
                }
                return false;
            }
            case "spark" -> {
                if (edges) {
                    throw InvalidInputException.in("--engine").problem("spark builds graphs from collections; an edge "
                            + "list is read by --engine local");
                }
                if (master != null && !master.startsWith("local") && sparkOut == null) {
                    throw InvalidInputException.in("--master").problem("on a cluster the executors write the graph: "
                            + "pass --spark-out DIR on a filesystem every node and this machine share");
                }
                if (sparkOut != null && java.nio.file.Files.exists(sparkOut) && !replace) {
                    throw InvalidInputException.in(sparkOut.toString()).problem("exists (--spark-out); pass --replace "
                            + "to replace it and the atlas");
                }
                if (RelationsImporter.isPrecomputed(input)) {
                    throw InvalidInputException.in(input.toString()).problem("is a graph computed already; import it "
                            + "without --engine spark");
                }
                return true;
            }
            default -> throw InvalidInputException.in("--engine").problem("expected local or spark, got '" + engine + "'");
        }
    }

    /** The job's own options: the same meaning as this command's. */
    private List<String> sparkArgs(Path jobOut) {
        List<String> a = new ArrayList<>(List.of(input.toAbsolutePath().toString(), "--out", jobOut.toAbsolutePath()
                .toString(), "--min-count", Integer.toString(minCount), "--k", Integer.toString(k), "--transform",
                transform, "--max-collection", Integer.toString(maxCollection), "--time-scale", Double.toString(timeScale),
                "--attribute-scale", Double.toString(attributeScale), "--seed", Long.toString(seed)));
        if (sparkOut == null || replace) {
            a.add("--overwrite");
        }
        String[][] optional = {{"--collection-column", first}, {"--item-column", second}, {"--weight-column", weight},
            {"--time-column", time}, {"--attribute-column", attribute},
            {"--max-items", maxItems == null ? null : maxItems.toString()}};
        for (String[] o : optional) {
            if (o[1] != null) {
                a.add(o[0]);
                a.add(o[1]);
            }
        }
        return a;
    }

    private static void deleteTree(Path dir) {
        try (var files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // nothing there, or already gone
        }
    }

    private static void print(RelationsReport r, PrintWriter out) {
        out.printf(Locale.ROOT, "Read %,d rows: %,d items; %,d items in the map (%s)%n", r.rows(), r.items(), r.points(),
                r.atlas());
        out.printf(Locale.ROOT, "  graph    k = %d (%s), %,d non-zero similarities; %,d items filled in by walking, "
                + "%,d left out, %d component(s)%n", r.graph().k(), r.graph().transform().cliName(), r.nonZeros(),
                r.graph().filled(), r.graph().leftOut(), r.graph().components());
        List<String> t = new ArrayList<>();
        r.timings().forEach((key, v) -> t.add(String.format(Locale.ROOT, "%s %.1f s", key, v.toNanos() / 1e9)));
        out.println("  time     " + String.join(", ", t));
        for (String w : r.warnings()) {
            out.println("  note     " + w);
        }
    }
}
