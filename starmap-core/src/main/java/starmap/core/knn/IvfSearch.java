/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.knn;

import starmap.core.InvalidParameterException;
import starmap.core.graph.KnnGraph;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.vectors.DenseVectors;
import starmap.core.vectors.VectorSource;

/**
 * Approximate all-points kNN with an inverted file (the IVF-Flat scheme of FAISS): k-means splits the
 * points into about n / {@code pointsPerList} lists; every list's points are then searched exactly, as
 * one block on the SIMD tile kernel, against the points of the {@code probes} lists whose centroids are
 * nearest its own (more when those hold fewer than k + 1 points). Cost is about
 * n · probes · pointsPerList · d instead of n² · d; neighbours outside the probed lists are missed,
 * which {@link Recall} measures.
 *
 * <p>Euclidean and cosine. Deterministic for a seed: k-means starts from a seeded sample and every list
 * is searched on its own, single-threaded, lists in parallel.
 */
public final class IvfSearch implements NeighborSearch {
    /**
     * @param probes           lists searched per list (default 20: recall@90 0.997 on Fashion-MNIST)
     * @param pointsPerList    target list size (default 1,000)
     * @param kmeansIterations Lloyd iterations (default 10)
     * @param kmeansSample     sample points per list that the centroids are fitted on (default 64)
     * @param seed             chooses the sample and the initial centroids
     */
    public record Params(int probes, int pointsPerList, int kmeansIterations, int kmeansSample, long seed) {
        public static final Params DEFAULTS = new Params(20, 1000, 10, 64, 1);

        public Params {
            InvalidParameterException.require(probes >= 1, "probes", ">= 1", probes);
            InvalidParameterException.require(pointsPerList >= 16, "points per list", ">= 16", pointsPerList);
            InvalidParameterException.require(kmeansIterations >= 1, "k-means iterations", ">= 1", kmeansIterations);
            InvalidParameterException.require(kmeansSample >= 4, "k-means sample per list", ">= 4", kmeansSample);
        }
    }

    /** Extra centroid neighbours kept per list in case the probed lists hold too few points. */
    private static final int SPARE_LISTS = 8;

    private final Params params;

    public IvfSearch(Params params) {
        this.params = params;
    }

    @Override
    public String name() {
        return "ivf";
    }

    @Override
    public KnnGraph search(VectorSource data, int k, Metric metric, Parallel par, Progress progress) {
        if (metric == Metric.INNER_PRODUCT) {
            throw InvalidParameterException.of("metric", "euclidean or cosine for the ivf search (use --knn exact "
                    + "for inner_product)", metric.cliName());
        }
        int n = data.size();
        int kk = Math.max(0, Math.min(k, n - 1));
        int lists = n / params.pointsPerList();
        if (kk == 0 || lists < 2) {
            return new ExactSearch().search(data, k, metric, par, progress);
        }
        int d = data.dimension();
        float[] centroids = KMeans.fit(data, lists, params.kmeansSample() * lists, params.kmeansIterations(),
                params.seed(), metric, par);
        int[][] members = members(KMeans.assign(data, centroids, lists, metric, par), lists);
        int[] all = new int[lists];
        for (int l = 0; l < lists; l++) {
            all[l] = l;
        }
        int[][] near = ExactSearch.neighborsOf(DenseVectors.wrap(centroids, lists, d), all,
                Math.min(lists - 1, params.probes() + SPARE_LISTS), Metric.EUCLIDEAN, par);
        int[] indices = new int[n * kk];
        float[] distances = new float[n * kk];
        par.forRange(lists, 1, (s, e) -> {
            for (int l = s; l < e; l++) {
                searchList(data, members, l, near[l], kk, metric, indices, distances);
                progress.advance(members[l].length);
            }
            progress.checkCancelled();
        });
        return KnnGraph.of(n, kk, indices, distances);
    }

    /** Searches list l's points against its own points and those of the nearest lists. */
    private void searchList(VectorSource data, int[][] members, int l, int[] nearest, int k, Metric metric,
            int[] indices, float[] distances) {
        int[] own = members[l];
        if (own.length == 0) {
            return;
        }
        int total = own.length;
        int used = 0;
        while (used < nearest.length && (used < params.probes() - 1 || total <= k)) {
            total += members[nearest[used]].length;
            used++;
        }
        int[] candidates = new int[total];
        System.arraycopy(own, 0, candidates, 0, own.length);
        int c = own.length;
        for (int p = 0; p < used; p++) {
            int[] m = members[nearest[p]];
            System.arraycopy(m, 0, candidates, c, m.length);
            c += m.length;
        }
        int[] queries = new int[own.length];
        for (int q = 0; q < own.length; q++) {
            queries[q] = q;
        }
        ExactSearch.Neighbors nb = ExactSearch.search(new Subset(data, candidates), queries, k, metric,
                Parallel.sequential());
        if (nb.k() < k) {
            throw new IllegalStateException("list " + l + " and its neighbours hold " + total + " points, need "
                    + (k + 1));
        }
        for (int q = 0; q < own.length; q++) {
            int row = own[q];
            for (int j = 0; j < k; j++) {
                indices[row * k + j] = candidates[nb.indices()[q * k + j]];
                distances[row * k + j] = nb.distances()[q * k + j];
            }
        }
    }

    private static int[][] members(int[] assignment, int lists) {
        int[] count = new int[lists];
        for (int a : assignment) {
            count[a]++;
        }
        int[][] out = new int[lists][];
        for (int l = 0; l < lists; l++) {
            out[l] = new int[count[l]];
        }
        int[] next = new int[lists];
        for (int i = 0; i < assignment.length; i++) {
            out[assignment[i]][next[assignment[i]]++] = i;
        }
        return out;
    }

    /** A view of some rows of a source, in the given order. */
    private record Subset(VectorSource data, int[] rows) implements VectorSource {
        @Override
        public int size() {
            return rows.length;
        }

        @Override
        public int dimension() {
            return data.dimension();
        }

        @Override
        public float get(int row, int col) {
            return data.get(rows[row], col);
        }

        @Override
        public void read(int row, float[] dst, int offset) {
            data.read(rows[row], dst, offset);
        }
    }
}
