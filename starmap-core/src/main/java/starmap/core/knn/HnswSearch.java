/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.knn;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import starmap.core.InvalidParameterException;
import starmap.core.graph.KnnGraph;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.vectors.VectorSource;

/**
 * Approximate k nearest neighbours through jvector's graph index (a hierarchical Vamana / HNSW-style
 * graph): the index is built over all points, then every point is searched for with a beam of
 * {@code efSearch} candidates. The neighbours found are re-measured exactly, so distances are exact even
 * where a true neighbour was missed. Recall is measured on a sample with {@link Recall}.
 *
 * <p>Euclidean and cosine only. Results depend on jvector's concurrent build and may differ slightly
 * between runs with several threads.
 */
public final class HnswSearch implements NeighborSearch {
    /**
     * @param maxDegree     graph degree M (default 32)
     * @param beamWidth     construction beam (default 100)
     * @param efSearch      search beam, raised to at least 2k (default 200)
     * @param overflow      neighbour overflow during construction (default 1.2)
     * @param alpha         diversity pruning (default 1.2)
     */
    public record Params(int maxDegree, int beamWidth, int efSearch, float overflow, float alpha) {
        public static final Params DEFAULTS = new Params(32, 100, 200, 1.2f, 1.2f);

        public Params {
            InvalidParameterException.require(maxDegree >= 4, "max degree", ">= 4", maxDegree);
            InvalidParameterException.require(beamWidth >= maxDegree, "beam width", ">= max degree", beamWidth);
            InvalidParameterException.require(efSearch >= 1, "efSearch", ">= 1", efSearch);
        }
    }

    private final Params params;

    public HnswSearch(Params params) {
        this.params = params;
    }

    @Override
    public String name() {
        return "hnsw";
    }

    @Override
    public KnnGraph search(VectorSource data, int k, Metric metric, Parallel par, Progress progress) {
        if (metric == Metric.INNER_PRODUCT) {
            throw InvalidParameterException.of("metric", "euclidean or cosine for the hnsw search (use --knn exact "
                    + "for inner_product)", metric.cliName());
        }
        int n = data.size();
        int kk = Math.max(0, Math.min(k, n - 1));
        if (kk == 0) {
            return KnnGraph.of(n, 0, new int[0], new float[0]);
        }
        int d = data.dimension();
        VectorTypeSupport vts = VectorizationProvider.getInstance().getVectorTypeSupport();
        List<VectorFloat<?>> vectors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] row = new float[d];
            data.read(i, row, 0);
            vectors.add(vts.createFloatVector(row));
        }
        var ravv = new ListRandomAccessVectorValues(vectors, d);
        VectorSimilarityFunction vsf = metric == Metric.COSINE ? VectorSimilarityFunction.COSINE
                : VectorSimilarityFunction.EUCLIDEAN;
        ImmutableGraphIndex index;
        try (GraphIndexBuilder builder = new GraphIndexBuilder(ravv, vsf, params.maxDegree(), params.beamWidth(),
                params.overflow(), params.alpha(), true)) {
            index = builder.build(ravv);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int ef = Math.max(params.efSearch(), 2 * kk);
        int[] indices = new int[n * kk];
        float[] distances = new float[n * kk];
        par.forRange(n, 512, (s, e) -> {
            for (int i = s; i < e; i++) {
                SearchResult r = GraphSearcher.search(vectors.get(i), kk + 1, ef, ravv, vsf, index, Bits.ALL);
                store(i, r.getNodes(), kk, data, metric, indices, distances);
            }
            progress.advance(e - s);
            progress.checkCancelled();
        });
        return KnnGraph.of(n, kk, indices, distances);
    }

    /** Keeps the k best results other than the point itself, re-measured exactly and sorted. */
    private static void store(int i, SearchResult.NodeScore[] found, int k, VectorSource data, Metric metric,
            int[] indices, float[] distances) {
        int d = data.dimension();
        float[] a = new float[d];
        float[] b = new float[d];
        data.read(i, a, 0);
        long[] keyed = new long[found.length];
        int c = 0;
        for (SearchResult.NodeScore ns : found) {
            if (ns.node == i) {
                continue;
            }
            data.read(ns.node, b, 0);
            float dist = (float) metric.between(a, b);
            keyed[c++] = ((long) Float.floatToIntBits(dist) << 32) | ns.node;
        }
        Arrays.sort(keyed, 0, c);
        if (c < k) {
            throw new IllegalStateException("the index returned " + c + " neighbours for point " + i + ", need " + k
                    + "; raise efSearch");
        }
        for (int j = 0; j < k; j++) {
            indices[i * k + j] = (int) keyed[j];
            distances[i * k + j] = Float.intBitsToFloat((int) (keyed[j] >>> 32));
        }
    }
}
