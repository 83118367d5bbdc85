/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import starmap.core.graph.KnnGraph;
import starmap.core.graph.NeighborWeights;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.mde.Mde;
import starmap.core.layout.mde.MdeParams;
import starmap.core.layout.node2vec.Node2Vec;
import starmap.core.layout.node2vec.Node2VecParams;
import starmap.core.layout.tsne.TsneParams;
import starmap.core.layout.umap.UmapParams;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.sparse.CsrMatrix;
import starmap.store.Atlas;
import starmap.store.layouts.EmbedRequest;
import starmap.store.layouts.Embedder;
import starmap.store.relations.RelationsImporter;
import starmap.store.relations.RelationsOptions;
import starmap.testkit.PlantedCollections;
import starmap.testkit.TestFiles;

/**
 * Graph maps end to end: planted-community collections → relation graph → MDE 4-D → t-SNE 2-D, timed
 * stage by stage, with node2vec to 4-D on the same graph; writes the graph (indices, distances), the
 * labels and Starmap's 2-D map as .npy files for the peers' script to lay out the same graph and score
 * everything alike.
 *
 * <pre>java -Xmx8g -cp starmap-bench.jar starmap.bench.Bench relations --out bench-data/relations
 *     [--items 100000] [--communities 50] [--collections 600000] [--mean-size 10] [--noise 0.1]</pre>
 */
final class RelationsBench {
    private RelationsBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = CooccurrenceBench.options(args);
        Path out = Path.of(o.getOrDefault("out", "bench-data/relations"));
        int items = Integer.parseInt(o.getOrDefault("items", "100000"));
        int communities = Integer.parseInt(o.getOrDefault("communities", "50"));
        int collections = Integer.parseInt(o.getOrDefault("collections", Integer.toString(items * 6)));
        int meanSize = Integer.parseInt(o.getOrDefault("mean-size", "10"));
        double noise = Double.parseDouble(o.getOrDefault("noise", "0.1"));
        Files.createDirectories(out);
        PlantedCollections data = PlantedCollections.generate(items, communities, collections, meanSize, noise, 0, 5);
        Path csv = data.writeCsv(out.resolve("plays.csv"));
        Path meta = data.writeItemsCsv(out.resolve("items.csv"));
        Path atlasFile = out.resolve("relations.duckdb");
        Files.deleteIfExists(atlasFile);
        System.out.printf(Locale.ROOT, "%,d rows, %,d items in %d communities, %,d collections%n", data.rows(), items,
                communities, collections);
        try (Parallel par = Parallel.ofAvailableProcessors()) {
            LayoutContext ctx = new LayoutContext(par, Progress.NONE, (it, total, kl) -> { });
            Measure imp = Measure.of(() -> RelationsImporter.run(new RelationsOptions(atlasFile, csv, false,
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(meta), Optional.empty(), Optional.empty(), 1, Integer.MAX_VALUE,
                    starmap.core.relations.CooccurrenceParams.DEFAULTS, 15, starmap.core.relations.Transform.LOG, false),
                    par, Progress.NONE));
            report("relate (read, co-occurrence, graph, store)", imp);
            try (Atlas atlas = Atlas.open(atlasFile)) {
                KnnGraph g = atlas.knnGraphs().get(RelationsImporter.GRAPH);
                CsrMatrix w = NeighborWeights.mutualCounts(g);
                Measure mde = Measure.of(() -> Mde.run(w, MdeParams.DEFAULTS.withDimensions(4), ctx));
                report("MDE to 4-D (core only)", mde);
                Node2Vec.Result[] n2v = new Node2Vec.Result[1];
                Measure nv = Measure.of(() -> n2v[0] = Node2Vec.run(w, Node2VecParams.DEFAULTS.withDimension(4), ctx));
                report(String.format(Locale.ROOT, "node2vec to 4-D (core only; %,.0f updates/s/thread)",
                        n2v[0].updatesPerSecondPerThread()), nv);
                Measure chainMde = Measure.of(() -> Embedder.run(atlas, request(EmbedRequest.Method.MDE, "mde-4d", 4,
                        Optional.empty()), ctx));
                Measure chainTsne = Measure.of(() -> Embedder.run(atlas, request(EmbedRequest.Method.TSNE, "tsne-2d", 2,
                        Optional.of("mde-4d")), ctx));
                report("chain: MDE 4-D (with quality)", chainMde);
                report("chain: t-SNE 2-D from mde-4d (with quality)", chainTsne);
                int n = g.size();
                writeInts(out.resolve("graph-indices.npy"), g.indices(), n, g.k());
                TestFiles.npyFloat32(out.resolve("graph-distances.npy"), g.distances(), n, g.k());
                int[] labels = new int[n];
                atlas.query("labels", "SELECT row_idx, CAST(substr(category, 2) AS INTEGER) FROM points", rs -> {
                    while (rs.next()) {
                        labels[rs.getInt(1)] = rs.getInt(2);
                    }
                });
                writeInts(out.resolve("labels.npy"), labels, n, 1);
                var e = atlas.layouts().get("tsne-2d").coordinates();
                TestFiles.npyFloat32(out.resolve("starmap-tsne-2d.npy"), e.toArray(), n, 2);
                System.out.printf(Locale.ROOT, "%-48s %s%n", "starmap tsne-2d metrics",
                        atlas.layouts().manifest("tsne-2d").orElseThrow().metrics().entrySet().stream()
                                .filter(x -> !x.getKey().startsWith("precision") && !x.getKey().startsWith("recall"))
                                .toList());
                System.out.printf(Locale.ROOT, "%-48s %.2f s%n", "starmap MDE→t-SNE chain wall time",
                        chainMde.seconds() + chainTsne.seconds());
            }
        }
    }

    private static EmbedRequest request(EmbedRequest.Method m, String name, int dim, Optional<String> from) {
        return new EmbedRequest(m, Optional.of(name), TsneParams.DEFAULTS.withDimensions(Math.min(dim, 3)),
                UmapParams.DEFAULTS, true, true, from, MdeParams.DEFAULTS.withDimensions(dim), Node2VecParams.DEFAULTS);
    }

    private static void report(String what, Measure m) {
        System.out.printf(Locale.ROOT, "%-48s %8.2f s  heap %,7.0f MiB  rss %,7.0f MiB%n", what, m.seconds(), m.heapMb(),
                m.rssMb());
    }

    private static void writeInts(Path file, int[] v, int n, int d) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putInt(x);
        }
        if (d == 1) {
            TestFiles.npy(file, "<i4", false, b.array(), n);
        } else {
            TestFiles.npy(file, "<i4", false, b.array(), n, d);
        }
    }
}
