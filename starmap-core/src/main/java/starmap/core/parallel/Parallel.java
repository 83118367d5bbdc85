/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import starmap.core.InvalidParameterException;

/**
 * A fixed number of worker threads running loops over {@code [0, n)} in chunks, handed out
 * dynamically so uneven chunks balance. Close it when done (it owns its pool unless made with
 * {@link #sequential()}).
 *
 * <p>Thread-safe: loops may be started from any thread, one at a time per instance.
 */
public final class Parallel implements AutoCloseable {
    private final int threads;
    private final ForkJoinPool pool;

    private Parallel(int threads, ForkJoinPool pool) {
        this.threads = threads;
        this.pool = pool;
    }

    /** A pool of {@code threads} workers. */
    public static Parallel of(int threads) {
        InvalidParameterException.require(threads >= 1, "threads", ">= 1", threads);
        return new Parallel(threads, threads == 1 ? null : new ForkJoinPool(threads));
    }

    /** One worker per available processor. */
    public static Parallel ofAvailableProcessors() {
        return of(Runtime.getRuntime().availableProcessors());
    }

    /** Runs everything on the calling thread. */
    public static Parallel sequential() {
        return new Parallel(1, null);
    }

    public int threads() {
        return threads;
    }

    /** A loop body over {@code [start, end)}. */
    @FunctionalInterface
    public interface Range {
        void run(int start, int end);
    }

    /** A loop body over {@code [start, end)} that returns a partial sum. */
    @FunctionalInterface
    public interface RangeSum {
        double run(int start, int end);
    }

    /** Runs {@code body} over {@code [0, n)} in chunks of {@code grain} indices. */
    public void forRange(int n, int grain, Range body) {
        sum(n, grain, (s, e) -> {
            body.run(s, e);
            return 0;
        });
    }

    /**
     * Runs {@code body} over {@code [0, n)} in chunks of {@code grain} and returns the sum of the
     * partial sums, added in chunk order (deterministic whatever the thread count).
     */
    public double sum(int n, int grain, RangeSum body) {
        if (n <= 0) {
            return 0;
        }
        int g = Math.max(1, grain);
        int chunks = (int) ((n + (long) g - 1) / g);
        double[] partial = new double[chunks];
        if (pool == null || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                partial[c] = body.run(c * g, (int) Math.min(n, (long) c * g + g));
            }
        } else {
            AtomicInteger next = new AtomicInteger();
            List<Callable<Void>> workers = new ArrayList<>();
            for (int t = 0; t < Math.min(threads, chunks); t++) {
                workers.add(() -> {
                    for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                        partial[c] = body.run(c * g, (int) Math.min(n, (long) c * g + g));
                    }
                    return null;
                });
            }
            try {
                for (Future<Void> f : pool.invokeAll(workers)) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        double s = 0;
        for (double p : partial) {
            s += p;
        }
        return s;
    }

    /** A grain giving about {@code perThread} chunks per thread, at least {@code min} indices each. */
    public int grain(int n, int perThread, int min) {
        return Math.max(min, n / Math.max(1, threads * perThread));
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
