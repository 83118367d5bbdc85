/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.layouts;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import starmap.core.InvalidInputException;
import starmap.core.graph.KnnGraph;
import starmap.core.graph.NeighborWeights;
import starmap.core.layout.Embedding;
import starmap.core.layout.Layout;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.LayoutManifest;
import starmap.core.layout.mde.Mde;
import starmap.core.layout.node2vec.Node2Vec;
import starmap.core.quality.GraphQuality;
import starmap.core.quality.LayoutQuality;
import starmap.core.sparse.CsrMatrix;
import starmap.store.Atlas;
import starmap.store.relations.RelationsImporter;

/**
 * Layouts of an atlas's relation graph (MDE, node2vec), and the graph metrics every layout of such an
 * atlas gets. The graph is used unweighted, as PyMDE's {@code preserve_neighbors} does: weight 2 where two
 * items list each other, 1 where one does.
 */
final class GraphLayouts {
    private GraphLayouts() {
    }

    static Embedder.Result run(Atlas atlas, EmbedRequest request, LayoutContext ctx) {
        KnnGraph graph = relationGraph(atlas).orElseThrow(() -> InvalidInputException.in("--method").problem(
                request.method().cliName() + " lays out a relation graph, and " + atlas.path() + " has none; import "
                        + "collections or an edge list with 'starmap relate'"));
        CsrMatrix weights = NeighborWeights.mutualCounts(graph);
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Duration> timings = new LinkedHashMap<>();
        Embedding embedding;
        if (request.method() == EmbedRequest.Method.MDE) {
            Mde.Result r = Mde.run(weights, request.mde(), ctx);
            params.putAll(request.mde().toMap());
            r.details().forEach((key, v) -> params.put("run." + key, v));
            params.put("run.average_distortion", r.averageDistortion());
            params.put("run.iterations", r.iterations());
            timings.putAll(r.timings());
            embedding = r.embedding();
        } else {
            Node2Vec.Result r = Node2Vec.run(weights, request.node2vec(), ctx);
            params.putAll(request.node2vec().toMap());
            params.put("run.updates", r.updates());
            params.put("run.updates_per_second_per_thread", r.updatesPerSecondPerThread());
            timings.putAll(r.timings());
            embedding = r.embedding();
        }
        params.put("graph", RelationsImporter.GRAPH);
        Map<String, Double> metrics = request.quality()
                ? measure(graph, embedding, Embedder.labels(atlas), ctx, params) : Map.of();
        LayoutManifest manifest = new LayoutManifest(request.layoutName(), request.method().cliName(),
                request.dimensions(), params, timings, metrics, Instant.now());
        Layout layout = new Layout(manifest, embedding);
        atlas.layouts().save(layout, request.replace());
        return new Embedder.Result(layout, Optional.empty(), true);
    }

    /** The atlas's relation graph, if it was made by 'starmap relate'. */
    static Optional<KnnGraph> relationGraph(Atlas atlas) {
        return atlas.knnGraphs().info(RelationsImporter.GRAPH).map(g -> atlas.knnGraphs().get(RelationsImporter.GRAPH));
    }

    /** The graph metrics of {@code embedding}, with the time they took in {@code params}. */
    static Map<String, Double> measure(KnnGraph graph, Embedding embedding, Optional<int[]> labels, LayoutContext ctx,
            Map<String, Object> params) {
        long t0 = System.nanoTime();
        ctx.progress().begin("quality", 0);
        try {
            GraphQuality.Report q = GraphQuality.measure(graph, embedding, labels,
                    LayoutQuality.Options.DEFAULTS.sample(), 1, ctx.parallel());
            params.put("quality.graph_seconds", (System.nanoTime() - t0) / 1e9);
            return q.asMetrics();
        } finally {
            ctx.progress().end();
        }
    }
}
