/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.relations.Cooccurrence;
import starmap.core.relations.CooccurrenceMatrix;
import starmap.core.relations.CooccurrenceParams;
import starmap.core.relations.Interactions;
import starmap.core.relations.RelationGraph;
import starmap.core.relations.Sparsifier;
import starmap.core.relations.Transform;

/**
 * The co-occurrence benchmark: Zipf-distributed (user, item) rows → matrix → k-nearest-neighbour graph,
 * against a straightforward single-threaded hash-map build (nested {@code HashMap<Integer,
 * HashMap<Integer, Float>>}, then a sort of each row) on the same rows in the same JVM.
 *
 * <pre>java -Xmx4g -cp starmap-bench.jar starmap.bench.Bench cooccurrence [--rows 20000000] [--users 1000000]
 *     [--items 100000] [--zipf 1.0] [--k 15] [--threads N] [--baseline-rows R (0: no baseline)]</pre>
 */
final class CooccurrenceBench {
    private CooccurrenceBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int rows = Integer.parseInt(o.getOrDefault("rows", "20000000"));
        int users = Integer.parseInt(o.getOrDefault("users", "1000000"));
        int items = Integer.parseInt(o.getOrDefault("items", "100000"));
        double zipf = Double.parseDouble(o.getOrDefault("zipf", "1.0"));
        int k = Integer.parseInt(o.getOrDefault("k", "15"));
        int threads = Integer.parseInt(o.getOrDefault("threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
        int baselineRows = Integer.parseInt(o.getOrDefault("baseline-rows", Integer.toString(rows)));
        System.out.printf(Locale.ROOT, "generating %,d rows: %,d users, %,d items, Zipf s = %.2f%n", rows, users, items, zipf);
        Interactions in = zipfRows(rows, users, items, zipf, 7);
        run("starmap (" + threads + " threads)", in, k, threads);
        if (baselineRows == 0) {
            return;
        }
        Interactions base = baselineRows == rows ? in : zipfRows(baselineRows, (int) ((long) users * baselineRows / rows),
                items, zipf, 7);
        if (baselineRows != rows) {
            run("starmap on the baseline's rows (" + threads + " threads)", base, k, threads);
        }
        in = null;
        long[] kept = new long[1];
        Measure b = Measure.of(() -> kept[0] = hashMapBaseline(base, k));
        System.out.printf(Locale.ROOT, "%-40s %8.2f s  heap %,8.0f MiB  rss %,8.0f MiB  (%,d rows, %,d edges kept)%n",
                "hash-map baseline (1 thread)", b.seconds(), b.heapMb(), b.rssMb(), base.rows(), kept[0]);
    }

    private static void run(String what, Interactions in, int k, int threads) throws Exception {
        long[] nnz = new long[1];
        double[] split = new double[2];
        RelationGraph[] g = new RelationGraph[1];
        try (Parallel par = Parallel.of(threads)) {
            Measure m = Measure.of(() -> {
                long t0 = System.nanoTime();
                CooccurrenceMatrix mat = Cooccurrence.build(in, CooccurrenceParams.DEFAULTS, par, Progress.NONE);
                split[0] = (System.nanoTime() - t0) / 1e9;
                nnz[0] = mat.nonZeros();
                long t1 = System.nanoTime();
                g[0] = Sparsifier.knn(mat, k, Transform.LOG, par, Progress.NONE);
                split[1] = (System.nanoTime() - t1) / 1e9;
            });
            System.out.printf(Locale.ROOT, "%-40s %8.2f s  heap %,8.0f MiB  rss %,8.0f MiB  (matrix %.2f s, %,d non-zeros; "
                    + "graph %.2f s, %,d items, %s)%n", what, m.seconds(), m.heapMb(), m.rssMb(), split[0], nnz[0],
                    split[1], g[0].graph().size(), g[0].report().toMap());
        }
    }

    /** The straightforward build: a hash map of hash maps, pairs of each user's items, then sort each row. */
    static long hashMapBaseline(Interactions in, int k) {
        Map<Integer, List<Integer>> byUser = new HashMap<>();
        for (int r = 0; r < in.rows(); r++) {
            byUser.computeIfAbsent(in.collection()[r], u -> new ArrayList<>()).add(in.item()[r]);
        }
        Map<Integer, Map<Integer, Float>> m = new HashMap<>();
        for (List<Integer> basket : byUser.values()) {
            for (int a = 0; a < basket.size(); a++) {
                for (int b = 0; b < basket.size(); b++) {
                    int i = basket.get(a);
                    int j = basket.get(b);
                    if (i != j) {
                        m.computeIfAbsent(i, x -> new HashMap<>()).merge(j, 1f, Float::sum);
                    }
                }
            }
        }
        long kept = 0;
        for (Map.Entry<Integer, Map<Integer, Float>> row : m.entrySet()) {
            List<Map.Entry<Integer, Float>> e = new ArrayList<>(row.getValue().entrySet());
            e.sort((x, y) -> Float.compare(y.getValue(), x.getValue()));
            kept += Math.min(k, e.size());
        }
        return kept;
    }

    /** Rows with users uniform and items Zipf-distributed (item 0 the most frequent). */
    static Interactions zipfRows(int rows, int users, int items, double s, long seed) {
        double[] cdf = new double[items];
        double sum = 0;
        for (int i = 0; i < items; i++) {
            sum += 1 / Math.pow(i + 1, s);
            cdf[i] = sum;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] user = new int[rows];
        int[] item = new int[rows];
        for (int r = 0; r < rows; r++) {
            user[r] = rnd.nextInt(users);
            item[r] = ClusterPoints.pick(cdf, rnd.nextDouble() * sum);
        }
        return Interactions.of(items, users, user, item);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }
}
