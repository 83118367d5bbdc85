/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.layouts;

import starmap.core.layout.umap.Umap;
import starmap.core.layout.umap.UmapParams;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import starmap.core.InvalidInputException;
import starmap.core.graph.KnnGraph;
import starmap.core.layout.Embedding;
import starmap.core.layout.Layout;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.LayoutManifest;
import starmap.core.layout.affinity.PerplexityAffinities;
import starmap.core.layout.affinity.SparseAffinities;
import starmap.core.layout.tsne.Tsne;
import starmap.core.layout.tsne.TsneParams;
import starmap.core.layout.tsne.TsneResult;
import starmap.core.pca.Pca;
import starmap.core.pca.PcaModel;
import starmap.core.quality.LayoutQuality;
import starmap.core.quality.QualityReport;
import starmap.core.vectors.DenseVectors;
import starmap.core.vectors.VectorSource;
import starmap.store.Atlas;
import starmap.store.ColumnRole;
import starmap.store.KnnGraphInfo;
import starmap.store.Sql;
import starmap.store.relations.RelationsImporter;

/** Makes a layout of an atlas and stores it. */
public final class Embedder {
    private Embedder() {
    }

    /** What was made. */
    public record Result(Layout layout, Optional<QualityReport> quality, boolean reusedGraph) {
    }

    /** Runs {@code request} on the atlas's vectors and stores the layout (and a new kNN graph). */
    public static Result run(Atlas atlas, EmbedRequest request, LayoutContext ctx) {
        String name = request.layoutName();
        if (!request.replace() && atlas.layouts().manifest(name).isPresent()) {
            throw InvalidInputException.in("--name").problem("a layout named '" + name + "' already exists in "
                    + atlas.path() + "; choose another --name or pass --replace");
        }
        if (request.method().onGraph()) {
            return GraphLayouts.run(atlas, request, ctx);
        }
        if (request.from().isEmpty() && atlas.vectorDimension().isEmpty()
                && atlas.knnGraphs().info(RelationsImporter.GRAPH).isPresent()) {
            throw InvalidInputException.in("--from").problem(atlas.path() + " has no vectors (it maps relations); lay "
                    + "out its graph with --method mde or node2vec, then chain " + request.method().cliName()
                    + " with --from LAYOUT (for example --from mde-4d)");
        }
        UmapParams u = request.umap();
        boolean umap = request.method() == EmbedRequest.Method.UMAP;
        // UMAP shares the t-SNE path's space (PCA to 50 above 100 dimensions) and stored kNN graphs
        TsneParams p = umap ? request.tsne().withDimensions(u.dimensions()).withSeed(u.seed()).withMetric(u.metric())
                .withKnn(u.knn()) : request.tsne();
        try (DenseVectors data = request.from().isPresent() ? layoutAsVectors(atlas, request.from().get())
                : atlas.readVectors()) {
            int n = data.size();
            if (request.method() == EmbedRequest.Method.TSNE) {
                p.validateFor(n);
            }
            Space space = request.from().isPresent()
                    ? new Space(data, null, Optional.empty(), Map.of(), "layout-" + request.from().get())
                    : Space.of(data, p, ctx);
            try (space) {
                int k = umap ? u.neighborsFor(n) : p.neighbors(n);
                String graphName = space.graphName(p);
                Optional<KnnGraph> stored = reusable(atlas, graphName, k);
                Map<String, Duration> timings = new LinkedHashMap<>();
                Map<String, Object> params = new LinkedHashMap<>(p.toMap());
                Embedding embedding;
                KnnGraph graph;
                SparseAffinities affinities;
                if (umap) {
                    Umap.Result r = Umap.run(space.vectors(), stored.orElse(null), u, ctx);
                    timings.putAll(space.timings());
                    timings.putAll(r.timings());
                    params.clear();
                    params.putAll(u.toMap());
                    r.details().forEach((key, v) -> params.put("run." + key, v));
                    embedding = r.embedding();
                    graph = r.knn();
                    affinities = null;
                } else if (request.method() == EmbedRequest.Method.TSNE) {
                    TsneResult r = Tsne.run(space.vectors(), stored.orElse(null), p, ctx);
                    timings.putAll(space.timings());
                    timings.putAll(r.timings());
                    r.details().forEach((key, v) -> params.put("run." + key, v));
                    embedding = r.embedding();
                    graph = r.knn();
                    affinities = r.affinities();
                } else {
                    long t0 = System.nanoTime();
                    // principal components are nested: when the space already is the leading components,
                    // the layout is its first columns
                    PcaModel m = space.model().filter(x -> x.componentCount() >= p.dimensions())
                            .orElseGet(() -> Pca.fit(data, p.dimensions(), Pca.Solver.AUTO, p.seed(), ctx.parallel()));
                    VectorSource projected = space.model().isPresent() ? space.vectors() : null;
                    float[] coords = new float[n * p.dimensions()];
                    float[] row = new float[Math.max(p.dimensions(), space.vectors().dimension())];
                    try (DenseVectors y = projected == null ? m.transform(data, ctx.parallel()) : null) {
                        VectorSource from = projected != null ? projected : y;
                        for (int i = 0; i < n; i++) {
                            from.read(i, row, 0);
                            System.arraycopy(row, 0, coords, i * p.dimensions(), p.dimensions());
                        }
                    }
                    embedding = Embedding.of(p.dimensions(), coords);
                    timings.put("pca", Duration.ofNanos(System.nanoTime() - t0).plus(space.timings()
                            .getOrDefault("pca", Duration.ZERO)));
                    params.clear();
                    params.put("dimensions", p.dimensions());
                    params.put("seed", p.seed());
                    params.put("explained_variance", m.explainedFraction() * explained(m, p.dimensions()));
                    graph = stored.orElseGet(() -> Tsne.neighbors(space.vectors(), p, ctx));
                    affinities = new PerplexityAffinities(Math.min(p.perplexity(), graph.k())).fit(graph, ctx.parallel());
                }
                if (stored.isEmpty()) {
                    atlas.knnGraphs().save(new KnnGraphInfo(graphName, graph.k(), p.metric().cliName(),
                            graphParameters(space.describe(), params), Instant.now()), graph);
                }
                Optional<QualityReport> quality = Optional.empty();
                Map<String, Double> metrics = new LinkedHashMap<>();
                if (request.quality()) {
                    long t0 = System.nanoTime();
                    Optional<int[]> labels = labels(atlas);
                    ctx.progress().begin("quality", 0);
                    try {
                        // KL(P ‖ Q), t-SNE's objective, is reported for t-SNE and PCA (as a reference), not UMAP
                        QualityReport q = LayoutQuality.measure(space.vectors(), embedding, labels,
                                Optional.ofNullable(affinities), new LayoutQuality.Options(LayoutQuality.Options.DEFAULTS.sample(),
                                        (int) Math.round(p.perplexity()), p.seed(), p.metric()), ctx.parallel());
                        metrics.putAll(q.asMetrics());
                        quality = Optional.of(q);
                    } finally {
                        ctx.progress().end();
                    }
                    params.put("quality.seconds", (System.nanoTime() - t0) / 1e9);
                    Optional<KnnGraph> relations = GraphLayouts.relationGraph(atlas);
                    if (relations.isPresent()) {
                        GraphLayouts.measure(relations.get(), embedding, labels, ctx, params).forEach(metrics::putIfAbsent);
                    }
                }
                params.put("quality.space", space.describe());
                request.from().ifPresent(f -> params.put("from", f));
                LayoutManifest manifest = new LayoutManifest(name, request.method().cliName(), request.dimensions(), params,
                        timings, metrics, Instant.now());
                Layout layout = new Layout(manifest, embedding);
                atlas.layouts().save(layout, request.replace());
                return new Result(layout, quality, stored.isPresent());
            }
        }
    }

    /** A stored layout's coordinates as the input of another layout. */
    private static DenseVectors layoutAsVectors(Atlas atlas, String name) {
        if (atlas.layouts().manifest(name).isEmpty()) {
            throw InvalidInputException.in("--from").problem("no layout named '" + name + "' in " + atlas.path());
        }
        return atlas.layouts().asVectors(name);
    }

    /** The share of the model's explained variance held by its first {@code k} components. */
    private static double explained(PcaModel m, int k) {
        double all = 0;
        double first = 0;
        for (int c = 0; c < m.componentCount(); c++) {
            all += m.variances()[c];
            first += c < k ? m.variances()[c] : 0;
        }
        return all > 0 ? first / all : 1;
    }

    private static Map<String, Object> graphParameters(String space, Map<String, Object> params) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("space", space);
        m.put("method", String.valueOf(params.getOrDefault("run.knn", "exact")));
        if (params.containsKey("run.knn_recall")) {
            m.put("recall_sample_1000", params.get("run.knn_recall"));
        }
        return m;
    }

    private static Optional<KnnGraph> reusable(Atlas atlas, String name, int k) {
        return atlas.knnGraphs().info(name).filter(g -> g.k() >= k).map(g -> atlas.knnGraphs().get(name));
    }

    /** Class ids from the atlas's label column, if it has one. */
    static Optional<int[]> labels(Atlas atlas) {
        return atlas.column(ColumnRole.LABEL).map(c -> {
            int[] out = new int[atlas.pointCount()];
            Map<String, Integer> ids = new HashMap<>();
            atlas.query("reading labels", "SELECT row_idx, CAST(" + Sql.ident(c.name()) + " AS VARCHAR) FROM points",
                    rs -> {
                        while (rs.next()) {
                            String v = String.valueOf(rs.getString(2));
                            out[rs.getInt(1)] = ids.computeIfAbsent(v, x -> ids.size());
                        }
                    });
            return out;
        });
    }

    /**
     * The space kNN and quality are computed in: the vectors themselves, or their principal components
     * when they are wider than {@link TsneParams#PCA_ABOVE}.
     */
    private record Space(VectorSource vectors, DenseVectors owned, Optional<PcaModel> model,
            Map<String, Duration> timings, String describe) implements AutoCloseable {
        static Space of(DenseVectors data, TsneParams p, LayoutContext ctx) {
            if (data.dimension() <= TsneParams.PCA_ABOVE || p.pcaDimensions() >= data.dimension()) {
                return new Space(data, null, Optional.empty(), Map.of(), "vectors");
            }
            long t0 = System.nanoTime();
            ctx.progress().begin("pca to " + p.pcaDimensions(), 0);
            try {
                PcaModel m = Pca.fit(data, p.pcaDimensions(), Pca.Solver.AUTO, p.seed(), ctx.parallel());
                DenseVectors reduced = m.transform(data, ctx.parallel());
                return new Space(reduced, reduced, Optional.of(m), Map.of("pca", Duration.ofNanos(System.nanoTime()
                        - t0)), "pca" + p.pcaDimensions());
            } finally {
                ctx.progress().end();
            }
        }

        String graphName(TsneParams p) {
            return "knn-" + p.metric().cliName() + "-" + describe;
        }

        @Override
        public void close() {
            if (owned != null) {
                owned.close();
            }
        }
    }
}
