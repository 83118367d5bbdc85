/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu;

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
        if (kk > MAX_K || !supports(metric) || (metric == Metric.COSINE && hasZeroRow(data))) {
            return new ExactSearch().search(data, k, metric, parallel, progress);
        }
        if ((long) n * kk > Integer.MAX_VALUE) {
            throw starmap.core.InvalidParameterException.of("k", "at most " + Integer.MAX_VALUE / n
                    + " for " + n + " points (n × k must fit a Java array)", k);
        }
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
                upload(data, metric, 0, n, first);
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
                    upload(data, metric, q, qCount, first);
                    for (int r = 0; r < n; r += blockRows) {
                        progress.checkCancelled();
                        int rCount = Math.min(blockRows, n - r);
                        long refs = first.pointer();
                        if (r != q) {
                            upload(data, metric, r, rCount, second);
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

    /** Fewest rows per streamed block. */
    private static final int REF_MIN = 1024;

    private void search(int queries, long qFirst, long q, int refs, long rFirst, long r, int d, int k,
            DeviceBuffer bestD, DeviceBuffer bestI) {
        gpu.launch("knn_search", queries, queries, qFirst, q, refs, rFirst, r, d, k, bestD, bestI);
    }

    /** Copies rows [from, from + count) to {@code buffer}, normalised for cosine. */
    private static void upload(VectorSource data, Metric metric, int from, int count, DeviceBuffer buffer) {
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
                    float inv = (float) (1 / Math.sqrt(norm));
                    for (int c = i * d; c < (i + 1) * d; c++) {
                        chunk[c] *= inv;
                    }
                }
            }
            buffer.write(java.lang.foreign.MemorySegment.ofArray(chunk), (long) rows * d * Float.BYTES,
                    (long) s * d * Float.BYTES);
        }
    }

    private static boolean hasZeroRow(VectorSource data) {
        float[] row = new float[data.dimension()];
        for (int i = 0; i < data.size(); i++) {
            data.read(i, row, 0);
            boolean zero = true;
            for (float v : row) {
                if (v != 0) {
                    zero = false;
                    break;
                }
            }
            if (zero) {
                return true;
            }
        }
        return false;
    }
}
