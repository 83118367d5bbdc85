/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import starmap.core.InvalidParameterException;
import starmap.core.knn.Metric;
import starmap.core.parallel.Parallel;
import starmap.core.vectors.VectorSource;

/**
 * Exact queries over every vector of a space (one pass, parallel over rows):
 * <ul>
 *   <li>{@link #nearest}: the k items nearest an item;</li>
 *   <li>{@link #between}: the averager — items that sit between A and B, scored by
 *       max(d_A, d_B) + ½·|d_A − d_B|, so an item very close to one and far from the other (a
 *       lopsided match, which the distance to the midpoint alone would rank well) falls behind one
 *       that is moderately close to both;</li>
 *   <li>{@link #analogy}: the items nearest A − B + C ("C is to ? as B is to A"), A, B and C left
 *       out.</li>
 * </ul>
 * Distances are Euclidean, or 1 − cosine with {@link Metric#COSINE} (the usual choice for
 * embeddings of items, where direction matters more than length).
 */
public final class VectorQueries {
    private VectorQueries() {
    }

    /** An answer: the row and its score (a distance, or the averager's score; lower is better). */
    public record Hit(int row, double score) {
    }

    /** The k rows nearest row {@code item}, itself left out. */
    public static List<Hit> nearest(VectorSource v, int item, int k, Metric metric, Parallel par) {
        check(metric);
        float[] q = row(v, item);
        return top(v, k, new int[] {item}, par, (x) -> metric.between(q, x));
    }

    /** The averager of rows a and b (see the class comment); a and b left out. */
    public static List<Hit> between(VectorSource v, int a, int b, int k, Metric metric, Parallel par) {
        check(metric);
        float[] qa = row(v, a);
        float[] qb = row(v, b);
        return top(v, k, new int[] {a, b}, par, (x) -> {
            double da = metric.between(qa, x);
            double db = metric.between(qb, x);
            return Math.max(da, db) + 0.5 * Math.abs(da - db);
        });
    }

    /** The k rows nearest a − b + c; a, b and c left out. */
    public static List<Hit> analogy(VectorSource v, int a, int b, int c, int k, Metric metric, Parallel par) {
        check(metric);
        float[] qa = row(v, a);
        float[] qb = row(v, b);
        float[] qc = row(v, c);
        if (metric == Metric.COSINE) {
            // as word2vec: the offsets of unit vectors
            normalise(qa);
            normalise(qb);
            normalise(qc);
        }
        float[] q = new float[qa.length];
        for (int j = 0; j < q.length; j++) {
            q[j] = qa[j] - qb[j] + qc[j];
        }
        return top(v, k, new int[] {a, b, c}, par, (x) -> metric.between(q, x));
    }

    private interface Score {
        double of(float[] x);
    }

    private static float[] row(VectorSource v, int i) {
        InvalidParameterException.require(i >= 0 && i < v.size(), "item", "a row in [0, " + v.size() + ")", i);
        float[] r = new float[v.dimension()];
        v.read(i, r, 0);
        return r;
    }

    private static void normalise(float[] x) {
        double s = 0;
        for (float f : x) {
            s += f * f;
        }
        if (s > 0) {
            float inv = (float) (1 / Math.sqrt(s));
            for (int j = 0; j < x.length; j++) {
                x[j] *= inv;
            }
        }
    }

    private static void check(Metric metric) {
        InvalidParameterException.require(metric == Metric.EUCLIDEAN || metric == Metric.COSINE, "metric",
                "euclidean or cosine", metric.cliName());
    }

    /** The k best-scoring rows outside {@code skip} (which may repeat a row), best first (ties by row). */
    private static List<Hit> top(VectorSource v, int k, int[] skip, Parallel par, Score score) {
        InvalidParameterException.require(k >= 1, "k", ">= 1", k);
        int n = v.size();
        int chunks = Math.max(1, Math.min(par.threads() * 4, n / 1024 + 1));
        List<List<Hit>> parts = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            parts.add(null);
        }
        par.forRange(chunks, 1, (lo, hi) -> {
            float[] x = new float[v.dimension()];
            for (int c = lo; c < hi; c++) {
                int from = (int) ((long) n * c / chunks);
                int to = (int) ((long) n * (c + 1) / chunks);
                Hit[] best = new Hit[k];
                int size = 0;
                for (int i = from; i < to; i++) {
                    if (contains(skip, i)) {
                        continue;
                    }
                    v.read(i, x, 0);
                    double s = score.of(x);
                    if (size < k || s < best[size - 1].score()) {
                        size = insert(best, size, new Hit(i, s));
                    }
                }
                parts.set(c, Arrays.asList(best).subList(0, size));
            }
        });
        List<Hit> all = new ArrayList<>();
        parts.forEach(all::addAll);
        all.sort((p, q) -> p.score() != q.score() ? Double.compare(p.score(), q.score()) : Integer.compare(p.row(), q.row()));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    private static boolean contains(int[] rows, int i) {
        for (int r : rows) {
            if (r == i) {
                return true;
            }
        }
        return false;
    }

    /** Puts h into the sorted first {@code size} entries of {@code best}, in place; returns the new size. */
    private static int insert(Hit[] best, int size, Hit h) {
        int pos = size;
        while (pos > 0 && best[pos - 1].score() > h.score()) {
            pos--;
        }
        if (pos == best.length) {
            return size;
        }
        int kept = Math.min(size, best.length - 1);
        System.arraycopy(best, pos, best, pos + 1, kept - pos);
        best[pos] = h;
        return kept + 1;
    }
}
