/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu;

import java.lang.foreign.MemorySegment;
import starmap.core.InvalidParameterException;
import starmap.core.graph.KnnGraph;
import starmap.core.knn.ExactSearch;
import starmap.core.knn.Metric;
import starmap.core.knn.NeighborSearch;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.vectors.VectorSource;

/**
 * Exact k nearest neighbours on the GPU (euclidean, or cosine on normalised rows): every query against
 * every reference in tiles, the k best kept per query in ascending (distance, index) order. When the
 * vectors do not fit in the device memory this search may use, queries and references are streamed in
 * blocks and the running k best stay on the device between blocks. Falls back to the CPU's exact search
 * for k above {@value #MAX_K} and for cosine with zero vectors (whose distance the CPU defines as 1).
 */
public final class GpuKnn implements NeighborSearch {
    /** The kernel keeps each query's k best in registers and local memory of this size. */
    public static final int MAX_K = 128;
    /**
     * Fewest queries per launch (a thread each): launches are split so progress moves, but each fills the
     * device (at least 4,096 threads per multiprocessor, two full SMs' worth of resident threads).
     */
    static final int MIN_QUERIES_PER_LAUNCH = 1 << 15;
    /** Fewest rows per streamed block. */
    private static final int REF_MIN = 1024;
    /** Share of the free device memory the vectors may take. */
    static final double MEMORY_SHARE = 0.8;

    private final Gpu gpu;
    private final long memoryLimit;

    /** A search on {@code gpu} using at most {@code memoryLimit} bytes for the vectors (0: by free memory). */
    public GpuKnn(Gpu gpu, long memoryLimit) {
        this.gpu = gpu;
        this.memoryLimit = memoryLimit;
    }

    @Override
    public String name() {
        return "exact-gpu";
    }

    /** Whether this search handles {@code metric} (inner product runs on the CPU). */
    public static boolean supports(Metric metric) {
        return metric == Metric.EUCLIDEAN || metric == Metric.COSINE;
    }

    @Override
    public KnnGraph search(VectorSource data, int k, Metric metric, Parallel parallel, Progress progress) {
        int n = data.size();
        int d = data.dimension();
        int kk = Math.min(k, n - 1);
        if (kk <= 0) {
            return KnnGraph.of(n, 0, new int[0], new float[0]);
        }
        if (kk > MAX_K || !supports(metric)) {
            return new ExactSearch().search(data, k, metric, parallel, progress);
        }
        if ((long) n * kk > Integer.MAX_VALUE) {
            throw InvalidParameterException.of("k", "at most " + Integer.MAX_VALUE / n
                    + " for " + n + " points (n × k must fit a Java array)", k);
        }
        KnnGraph g = onDevice(data, kk, metric, progress);
        // a zero vector under cosine (the CPU defines its distance as 1 to everything) is found while uploading
        return g != null ? g : new ExactSearch().search(data, k, metric, parallel, progress);
    }

    /** The search on the device, or null when cosine meets a zero vector. */
    private KnnGraph onDevice(VectorSource data, int kk, Metric metric, Progress progress) {
        int n = data.size();
        int d = data.dimension();
        int perLaunch = Math.max(MIN_QUERIES_PER_LAUNCH, gpu.multiprocessors() * 4096);
        long rowBytes = (long) d * Float.BYTES;
        long best = (long) n * kk;
        long available = memoryLimit > 0 ? memoryLimit
                : Math.max(0, (long) ((gpu.memory()[0] - best * (Float.BYTES + Integer.BYTES)) * MEMORY_SHARE));
        int blockRows = (int) Math.max(REF_MIN, Math.min(n, available / 2 / rowBytes));
        boolean whole = (long) n * rowBytes <= available;
        try (DeviceBuffer bestD = gpu.floats(best);
             DeviceBuffer bestI = gpu.allocate(best * Integer.BYTES);
             DeviceBuffer first = gpu.allocate((whole ? n : blockRows) * rowBytes);
             DeviceBuffer second = whole ? null : gpu.allocate(blockRows * rowBytes)) {
            gpu.launch("knn_init", best, best, bestD, bestI);
            if (whole) {
                if (!upload(data, metric, 0, n, first)) {
                    return null;
                }
                for (int q = 0; q < n; q += perLaunch) {
                    int count = Math.min(perLaunch, n - q);
                    progress.checkCancelled();
                    search(count, q, first.pointer() + q * rowBytes, n, 0, first.pointer(), d, kk, bestD, bestI);
                    gpu.synchronize();
                    progress.advance(count);
                }
            } else {
                for (int q = 0; q < n; q += blockRows) {
                    int qCount = Math.min(blockRows, n - q);
                    if (!upload(data, metric, q, qCount, first)) {
                        return null;
                    }
                    for (int r = 0; r < n; r += blockRows) {
                        progress.checkCancelled();
                        int rCount = Math.min(blockRows, n - r);
                        long refs = first.pointer();
                        if (r != q) {
                            if (!upload(data, metric, r, rCount, second)) {
                                return null;
                            }
                            refs = second.pointer();
                        }
                        search(qCount, q, first.pointer(), rCount, r, refs, d, kk, bestD, bestI);
                    }
                    gpu.synchronize();
                    progress.advance(qCount);
                }
            }
            int[] indices = new int[(int) best];
            float[] distances = new float[(int) best];
            bestI.read(indices);
            bestD.read(distances);
            for (int c = 0; c < distances.length; c++) {
                float s = Math.max(0, distances[c]);
                distances[c] = metric == Metric.COSINE ? s / 2 : (float) Math.sqrt(s);
            }
            return KnnGraph.of(n, kk, indices, distances);
        }
    }

    private void search(int queries, long qFirst, long q, int refs, long rFirst, long r, int d, int k,
            DeviceBuffer bestD, DeviceBuffer bestI) {
        gpu.launch("knn_search", queries, queries, qFirst, q, refs, rFirst, r, d, k, bestD, bestI);
    }

    /**
     * Copies rows [from, from + count) to {@code buffer}, normalised for cosine; false (and stops) at a zero
     * row under cosine.
     */
    private static boolean upload(VectorSource data, Metric metric, int from, int count, DeviceBuffer buffer) {
        int d = data.dimension();
        int rowsPerChunk = (int) Math.max(1, DeviceBuffer.STAGING / Float.BYTES / Math.max(1, d));
        float[] chunk = new float[(int) Math.min((long) count * d, (long) rowsPerChunk * d)];
        for (int s = 0; s < count; s += rowsPerChunk) {
            int rows = Math.min(rowsPerChunk, count - s);
            for (int i = 0; i < rows; i++) {
                data.read(from + s + i, chunk, i * d);
                if (metric == Metric.COSINE) {
                    double norm = 0;
                    for (int c = i * d; c < (i + 1) * d; c++) {
                        norm += (double) chunk[c] * chunk[c];
                    }
                    if (norm == 0) {
                        return false;
                    }
                    float inv = (float) (1 / Math.sqrt(norm));
                    for (int c = i * d; c < (i + 1) * d; c++) {
                        chunk[c] *= inv;
                    }
                }
            }
            buffer.write(MemorySegment.ofArray(chunk), (long) rows * d * Float.BYTES, (long) s * d * Float.BYTES);
        }
        return true;
    }
}
