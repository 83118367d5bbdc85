/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.knn;

import java.util.Arrays;
import starmap.core.graph.KnnGraph;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.simd.Kernels;
import starmap.core.vectors.VectorSource;

/**
 * Brute-force k nearest neighbours: every pair of points is compared once per direction, in tiles of
 * 64 queries × 512 base rows; the base rows are stored transposed so the SIMD kernel broadcasts query
 * components against whole vectors of base rows (no lane reductions, no padding of d), and candidates
 * are filtered against each query's current k-th distance with a vector compare. Candidates are ranked by ‖q‖² + ‖b‖² − 2q·b (or −q·b for the inner
 * product); the k kept are re-measured directly, so stored distances carry no cancellation error.
 * O(n² d) time, O(n d) memory: the reference for small and medium n and for recall measurements.
 */
public final class ExactSearch implements NeighborSearch {
    private static final int QUERY_BLOCK = 64;

    @Override
    public String name() {
        return "exact";
    }

    @Override
    public KnnGraph search(VectorSource data, int k, Metric metric, Parallel par, Progress progress) {
        int n = data.size();
        int kk = Math.max(0, Math.min(k, n - 1));
        if (kk == 0) {
            return KnnGraph.of(n, 0, new int[0], new float[0]);
        }
        Kernels kernels = Kernels.get();
        PackedRows rows = PackedRows.of(data, metric, kernels, par);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        int[] indices = new int[n * kk];
        float[] distances = new float[n * kk];
        neighbors(rows, metric, all, kk, true, indices, distances, par, progress);
        return KnnGraph.of(n, kk, indices, distances);
    }

    /**
     * The exact {@code k} nearest base rows of each query row (a subset of the rows), for recall and
     * quality measurements; {@code excludeSelf} leaves the query itself out.
     */
    public static int[][] neighborsOf(VectorSource data, int[] queries, int k, Metric metric, Parallel par) {
        Neighbors nb = search(data, queries, k, metric, par);
        int[][] out = new int[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            out[q] = Arrays.copyOfRange(nb.indices(), q * nb.k(), (q + 1) * nb.k());
        }
        return out;
    }

    /**
     * The exact {@code min(k, n − 1)} nearest rows of each query row (itself excluded), row-major, with
     * distances.
     */
    public static Neighbors search(VectorSource data, int[] queries, int k, Metric metric, Parallel par) {
        PackedRows rows = PackedRows.of(data, metric, Kernels.get(), par);
        int kk = Math.min(k, rows.n - 1);
        int[] indices = new int[queries.length * kk];
        float[] distances = new float[indices.length];
        neighbors(rows, metric, queries, kk, true, indices, distances, par, Progress.NONE);
        return new Neighbors(kk, indices, distances);
    }

    /**
     * Neighbours of a list of queries.
     *
     * @param k         neighbours per query
     * @param indices   row-major, nearest first
     * @param distances row-major
     */
    public record Neighbors(int k, int[] indices, float[] distances) {
    }

    /**
     * For each query row and each of its {@code targets}, the target's rank among all rows by distance
     * from the query (1 = nearest; the query itself is not counted). Used by trustworthiness.
     */
    public static int[][] ranks(VectorSource data, int[] queries, int[][] targets, Metric metric, Parallel par) {
        PackedRows rows = PackedRows.of(data, metric, Kernels.get(), par);
        Kernels kernels = Kernels.get();
        int d = rows.d;
        int w = PackedRows.BLOCK;
        float scale = metric == Metric.INNER_PRODUCT ? -1f : -2f;
        int[][] out = new int[queries.length][];
        int blocks = (queries.length + QUERY_BLOCK - 1) / QUERY_BLOCK;
        par.forRange(blocks, 1, (bs, be) -> {
            Scratch sc = new Scratch(d, 1);
            for (int block = bs; block < be; block++) {
                int q0 = block * QUERY_BLOCK;
                int qn = Math.min(QUERY_BLOCK, queries.length - q0);
                float[][] keys = new float[qn][];
                int[][] counts = new int[qn][];
                for (int i = 0; i < qn; i++) {
                    int q = queries[q0 + i];
                    System.arraycopy(rows.rows, q * d, sc.queries, i * d, d);
                    int[] t = targets[q0 + i];
                    keys[i] = new float[t.length];
                    counts[i] = new int[t.length];
                    for (int j = 0; j < t.length; j++) {
                        float dot = kernels.dot(rows.rows, q * d, rows.rows, t[j] * d, d);
                        keys[i][j] = rows.norms[q] + rows.norms[t[j]] + scale * dot;
                    }
                }
                for (int b = 0; b < rows.blocks.length; b++) {
                    int bn = Math.min(w, rows.n - b * w);
                    kernels.dotsTransposed(sc.queries, qn, rows.blocks[b], w, d, sc.dots);
                    for (int i = 0; i < qn; i++) {
                        int q = queries[q0 + i];
                        kernels.affine(sc.dots, i * w, bn, rows.norms[q], rows.blockNorms[b], scale);
                        for (int j = 0; j < keys[i].length; j++) {
                            counts[i][j] += kernels.select(sc.dots, i * w, bn, Math.nextDown(keys[i][j]), sc.hits);
                        }
                    }
                }
                for (int i = 0; i < qn; i++) {
                    int q = queries[q0 + i];
                    for (int j = 0; j < counts[i].length; j++) {
                        float selfKey = rows.norms[q] + rows.norms[q] + scale * kernels.dot(rows.rows, q * d, rows.rows, q * d, d);
                        counts[i][j] += 1 - (selfKey < keys[i][j] ? 1 : 0);
                    }
                    out[q0 + i] = counts[i];
                }
            }
        });
        return out;
    }

    private static void neighbors(PackedRows rows, Metric metric, int[] queries, int k, boolean excludeSelf,
            int[] outIdx, float[] outDist, Parallel par, Progress progress) {
        int nq = queries.length;
        int blocks = (nq + QUERY_BLOCK - 1) / QUERY_BLOCK;
        par.forRange(blocks, 1, (bs, be) -> {
            Scratch scratch = new Scratch(rows.d, k);
            for (int block = bs; block < be; block++) {
                int q0 = block * QUERY_BLOCK;
                int qn = Math.min(QUERY_BLOCK, nq - q0);
                searchBlock(rows, metric, new Query(queries, q0, qn, excludeSelf), scratch);
                for (int i = 0; i < qn; i++) {
                    finish(rows, metric, queries[q0 + i], scratch.heaps[i], k, outIdx, outDist, (q0 + i) * k);
                }
                progress.advance(qn);
                progress.checkCancelled();
            }
        });
    }

    /** Per-thread buffers, reused for every block. */
    private static final class Scratch {
        final float[] queries;
        final float[] dots = new float[QUERY_BLOCK * PackedRows.BLOCK];
        final int[] hits = new int[PackedRows.BLOCK];
        final TopK[] heaps = new TopK[QUERY_BLOCK];

        Scratch(int d, int k) {
            queries = new float[QUERY_BLOCK * d];
            for (int h = 0; h < QUERY_BLOCK; h++) {
                heaps[h] = new TopK(k);
            }
        }
    }

    /** A block of queries: their ids {@code ids[first … first+count)}. */
    private record Query(int[] ids, int first, int count, boolean excludeSelf) {
    }

    private static void searchBlock(PackedRows rows, Metric metric, Query qb, Scratch sc) {
        Kernels kernels = Kernels.get();
        int qn = qb.count();
        int d = rows.d;
        int w = PackedRows.BLOCK;
        float scale = metric == Metric.INNER_PRODUCT ? -1f : -2f;
        for (int i = 0; i < qn; i++) {
            sc.heaps[i].reset();
            System.arraycopy(rows.rows, qb.ids()[qb.first() + i] * d, sc.queries, i * d, d);
        }
        for (int b = 0; b < rows.blocks.length; b++) {
            int b0 = b * w;
            int bn = Math.min(w, rows.n - b0);
            kernels.dotsTransposed(sc.queries, qn, rows.blocks[b], w, d, sc.dots);
            for (int i = 0; i < qn; i++) {
                int q = qb.ids()[qb.first() + i];
                TopK heap = sc.heaps[i];
                int off = i * w;
                kernels.affine(sc.dots, off, bn, rows.norms[q], rows.blockNorms[b], scale);
                int hits = kernels.select(sc.dots, off, bn, heap.worst(), sc.hits);
                for (int h = 0; h < hits; h++) {
                    int j = sc.hits[h];
                    if (!(qb.excludeSelf() && b0 + j == q)) {
                        heap.offer(sc.dots[off + j], b0 + j);
                    }
                }
            }
        }
    }

    /** Re-measures the kept candidates exactly and writes them sorted by (distance, index). */
    private static void finish(PackedRows rows, Metric metric, int q, TopK heap, int k, int[] outIdx, float[] outDist,
            int off) {
        int[] cand = new int[heap.size()];
        heap.indices(cand, 0);
        long[] order = new long[cand.length];
        float[] d = new float[cand.length];
        for (int c = 0; c < cand.length; c++) {
            d[c] = rows.distance(metric, q, cand[c]);
        }
        float shift = 0;
        if (metric == Metric.INNER_PRODUCT) {
            shift = Float.POSITIVE_INFINITY;
            for (float x : d) {
                shift = Math.min(shift, x);
            }
        }
        for (int c = 0; c < cand.length; c++) {
            d[c] -= shift;
            order[c] = ((long) Float.floatToIntBits(Math.max(d[c], 0f)) << 32) | cand[c];
        }
        Arrays.sort(order);
        for (int c = 0; c < k; c++) {
            outIdx[off + c] = (int) order[c];
            outDist[off + c] = Float.intBitsToFloat((int) (order[c] >>> 32));
        }
    }
}
