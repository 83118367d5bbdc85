/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.relations;

import java.util.Arrays;
import starmap.core.InvalidInputException;
import starmap.core.InvalidParameterException;
import starmap.core.graph.KnnGraph;
import starmap.core.knn.TopK;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;

/**
 * Turns a similarity matrix into a k-nearest-neighbour graph, the preprocessing of PyMDE's
 * {@code preserve_neighbors} for graphs: each entry becomes a dissimilarity ({@link Transform}), each item
 * keeps its k strongest edges, and an item with fewer than k edges gets the rest by walking the graph
 * outward from it, nearest first by path length (Dijkstra), after its own edges. The walk leaves the item
 * by every kept edge touching it (its own and those of items that list it) and goes on along each
 * reached item's own strongest edges, so a hub listed by thousands costs no more than any other item;
 * only where that runs dry does it take the reverse edges too. The graph's distances are the dissimilarities (path lengths for walked neighbours); layouts
 * that want an unweighted graph drop them ({@link starmap.core.graph.NeighborWeights}).
 *
 * <p>Items with no edge, and items in a component of at most k items (which cannot have k neighbours),
 * are left out of the graph and counted in the report; lowering k keeps the small components.
 */
public final class Sparsifier {
    private Sparsifier() {
    }

    /** The k-nearest-neighbour graph of {@code m} under {@code transform}. */
    public static RelationGraph knn(CooccurrenceMatrix m, int k, Transform transform, Parallel par, Progress progress) {
        int n = m.size();
        InvalidParameterException.require(k >= 1, "k", ">= 1", k);
        // only PMI and PPMI read row sums: one pass over the non-zeros saved for the others
        double[] rowSum = new double[transform.usesRowSums() ? n : 0];
        par.forRange(rowSum.length, 1024, (s, e) -> {
            for (int i = s; i < e; i++) {
                rowSum[i] = m.rowSum(i);
            }
        });
        double total = total(rowSum);
        int[][] columns = new int[n][];
        float[][] distances = new float[n][];
        ThreadLocal<TopK> tops = ThreadLocal.withInitial(() -> new TopK(k));
        par.forRange(n, 256, (s, e) -> {
            TopK top = tops.get();
            for (int i = s; i < e; i++) {
                Strongest d = strongest(i, m.columns()[i], m.values()[i], m.columns()[i].length, transform, rowSum,
                        m.groups(), total, top);
                columns[i] = d.columns();
                distances[i] = d.distances();
            }
        });
        return complete(columns, distances, k, transform, par, progress);
    }

    /** The matrix total the PMI transforms divide by: the row sums added up in item order. */
    public static double total(double[] rowSum) {
        return Arrays.stream(rowSum).sum();
    }

    /** An item's at most k strongest edges, nearest first (ties: the smaller column first). */
    public record Strongest(int[] columns, float[] distances) {
    }

    /**
     * Item i's at most k strongest edges, from its row of the matrix: the first {@code count} entries of
     * {@code columns} and {@code values}, in any order.
     *
     * @param rowSum every item's row sum ({@link CooccurrenceMatrix#sum}; read only by PMI and PPMI)
     * @param groups every item's distinct collections (read only by Jaccard)
     * @param total  {@link #total} of the row sums (PMI and PPMI)
     * @param top    a reusable k-best buffer of this thread
     */
    public static Strongest strongest(int i, int[] columns, float[] values, int count, Transform t, double[] rowSum,
            long[] groups, double total, TopK top) {
        top.reset();
        boolean sums = t.usesRowSums();
        boolean jaccard = t.usesGroups();
        for (int p = 0; p < count; p++) {
            int j = columns[p];
            double x = t.dissimilarity(values[p], sums ? rowSum[i] : 0, sums ? rowSum[j] : 0,
                    jaccard ? groups[i] : 0, jaccard ? groups[j] : 0, total);
            if (x < Double.POSITIVE_INFINITY) {
                top.offer((float) x, j);
            }
        }
        int[] c = new int[top.size()];
        float[] x = new float[top.size()];
        top.indices(c, 0);
        top.distances(x, 0);
        sortByDistance(c, x, c.length);
        return new Strongest(c, x);
    }

    /**
     * The graph from every item's strongest edges ({@link #strongest}): items with fewer than k get the rest
     * by walking, items that cannot have k neighbours are left out.
     */
    public static RelationGraph complete(int[][] columns, float[][] distances, int k, Transform transform,
            Parallel par, Progress progress) {
        int n = columns.length;
        InvalidParameterException.require(k >= 1, "k", ">= 1", k);
        InvalidParameterException.require(k < n, "k", "less than the number of items (" + n + ")", k);
        progress.begin("neighbour graph (k = " + k + ", " + transform.cliName() + ")", n);
        try {
            Direct direct = new Direct(columns, distances);
            Pruned pruned = Pruned.of(direct, n);
            int[] component = pruned.components();
            int[] componentSize = new int[n];
            for (int c : component) {
                componentSize[c]++;
            }
            int[][] nb = new int[n][];
            float[][] dist = new float[n][];
            ThreadLocal<Walker> walkers = ThreadLocal.withInitial(() -> new Walker(n));
            par.forRange(n, 256, (start, end) -> {
                Walker w = walkers.get();
                for (int i = start; i < end; i++) {
                    if (direct.columns[i].length >= k) {
                        nb[i] = direct.columns[i];
                        dist[i] = direct.distances[i];
                    } else if (pruned.degree(i) > 0 && componentSize[component[i]] > k) {
                        w.fill(pruned, direct, i, k);
                        nb[i] = w.columns();
                        dist[i] = w.distances();
                    }
                }
                progress.advance(end - start);
            });
            return assemble(nb, dist, k, transform, direct, pruned, component);
        } finally {
            progress.end();
        }
    }

    private static RelationGraph assemble(int[][] nb, float[][] dist, int k, Transform transform, Direct direct,
            Pruned pruned, int[] component) {
        int n = nb.length;
        int[] newIndex = new int[n];
        int kept = 0;
        int directCount = 0;
        int isolated = 0;
        int small = 0;
        boolean[] componentSeen = new boolean[n];
        int components = 0;
        for (int i = 0; i < n; i++) {
            if (nb[i] == null) {
                newIndex[i] = -1;
                if (pruned.degree(i) == 0) {
                    isolated++;
                } else {
                    small++;
                }
            } else {
                newIndex[i] = kept++;
                directCount += direct.columns[i].length >= k ? 1 : 0;
                if (!componentSeen[component[i]]) {
                    componentSeen[component[i]] = true;
                    components++;
                }
            }
        }
        if (kept == 0) {
            throw InvalidInputException.in("relations").problem("no item can have " + k + " neighbours: " + isolated
                    + " items share nothing with any other and " + small + " are in components of at most " + k
                    + " items; lower --k or add data");
        }
        int[] items = new int[kept];
        int[] indices = new int[Math.multiplyExact(kept, k)];
        float[] distances = new float[kept * k];
        for (int i = 0; i < n; i++) {
            int r = newIndex[i];
            if (r < 0) {
                continue;
            }
            items[r] = i;
            for (int j = 0; j < k; j++) {
                indices[r * k + j] = newIndex[nb[i][j]];
                distances[r * k + j] = dist[i][j];
            }
        }
        RelationGraph.Report report = new RelationGraph.Report(k, transform, directCount, kept - directCount, isolated,
                small, components);
        return new RelationGraph(KnnGraph.of(kept, k, indices, distances), items, report);
    }

    private record Direct(int[][] columns, float[][] distances) {
    }

    /** The kept edges taken both ways (shorter distance where both directions were kept), as CSR. */
    private record Pruned(int[] start, int[] to, float[] length) {
        static Pruned of(Direct d, int n) {
            int[] deg = new int[n + 1];
            for (int i = 0; i < n; i++) {
                for (int j : d.columns[i]) {
                    deg[i + 1]++;
                    deg[j + 1]++;
                }
            }
            for (int i = 0; i < n; i++) {
                deg[i + 1] += deg[i];
            }
            int[] to = new int[deg[n]];
            float[] len = new float[deg[n]];
            int[] fill = Arrays.copyOf(deg, n);
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < d.columns[i].length; p++) {
                    int j = d.columns[i][p];
                    float x = d.distances[i][p];
                    to[fill[i]] = j;
                    len[fill[i]++] = x;
                    to[fill[j]] = i;
                    len[fill[j]++] = x;
                }
            }
            return new Pruned(deg, to, len);
        }

        int degree(int i) {
            return start[i + 1] - start[i];
        }

        /** The component of each item (labelled by its smallest member). */
        int[] components() {
            int n = start.length - 1;
            int[] comp = new int[n];
            Arrays.fill(comp, -1);
            int[] queue = new int[n];
            for (int s = 0; s < n; s++) {
                if (comp[s] >= 0) {
                    continue;
                }
                int head = 0;
                int tail = 0;
                queue[tail++] = s;
                comp[s] = s;
                while (head < tail) {
                    int v = queue[head++];
                    for (int p = start[v]; p < start[v + 1]; p++) {
                        if (comp[to[p]] < 0) {
                            comp[to[p]] = s;
                            queue[tail++] = to[p];
                        }
                    }
                }
            }
            return comp;
        }
    }

    /** Dijkstra from one item over the pruned graph, with reusable per-thread arrays. */
    private static final class Walker {
        private final float[] best;
        private final boolean[] done;
        private int[] touched = new int[256];
        private int touchedCount;
        private int[] heapNode = new int[256];
        private float[] heapKey = new float[256];
        private int heapSize;
        private int[] outCols;
        private float[] outDist;

        Walker(int n) {
            best = new float[n];
            Arrays.fill(best, Float.POSITIVE_INFINITY);
            done = new boolean[n];
        }

        void fill(Pruned g, Direct strongest, int source, int k) {
            int[] own = strongest.columns[source];
            float[] ownDist = strongest.distances[source];
            outCols = Arrays.copyOf(own, k);
            outDist = Arrays.copyOf(ownDist, k);
            int count = own.length;
            for (int j : own) {
                done[j] = true; // already listed: walk through them, never list them again
                touch(j);
            }
            done[source] = true;
            touch(source);
            // the walk passes through the item's own neighbours: settled (done) but not listed again
            relax(g.to, g.length, g.start[source], g.start[source + 1], 0f);
            for (int j = 0; j < own.length; j++) {
                relaxOwn(strongest, own[j], ownDist[j]);
            }
            boolean wide = false;
            while (count < k) {
                if (heapSize == 0) {
                    if (wide) {
                        break; // cannot happen when the component has more than k items
                    }
                    // the strongest edges led nowhere new: walk the reverse edges too from everything reached
                    wide = true;
                    for (int j = 0; j < count; j++) {
                        relax(g.to, g.length, g.start[outCols[j]], g.start[outCols[j] + 1], outDist[j]);
                    }
                    continue;
                }
                float key = heapKey[0];
                int v = pop();
                if (done[v] || key > best[v]) {
                    continue;
                }
                done[v] = true;
                outCols[count] = v;
                outDist[count++] = key;
                if (wide) {
                    relax(g.to, g.length, g.start[v], g.start[v + 1], key);
                } else {
                    relaxOwn(strongest, v, key);
                }
            }
            if (count < k) {
                throw new IllegalStateException("walk from item " + source + " found " + count + " of " + k);
            }
            sortByDistance(outCols, outDist, count);
            reset();
        }

        int[] columns() {
            return outCols;
        }

        float[] distances() {
            return outDist;
        }

        /** Relaxes only v's own strongest edges: at most k, however many items list v (a hub) among theirs. */
        private void relaxOwn(Direct d, int v, float dv) {
            relax(d.columns[v], d.distances[v], 0, d.columns[v].length, dv);
        }

        /** Relaxes the edges {@code to[from … end)} of lengths {@code len} from a node at distance dv. */
        private void relax(int[] to, float[] len, int from, int end, float dv) {
            for (int p = from; p < end; p++) {
                int u = to[p];
                float du = dv + len[p];
                if (!done[u] && du < best[u]) {
                    if (best[u] == Float.POSITIVE_INFINITY) {
                        touch(u);
                    }
                    best[u] = du;
                    push(u, du);
                }
            }
        }

        private void touch(int v) {
            if (touchedCount == touched.length) {
                touched = Arrays.copyOf(touched, touched.length * 2);
            }
            touched[touchedCount++] = v;
        }

        private void reset() {
            for (int t = 0; t < touchedCount; t++) {
                best[touched[t]] = Float.POSITIVE_INFINITY;
                done[touched[t]] = false;
            }
            touchedCount = 0;
            heapSize = 0;
        }

        private void push(int node, float key) {
            if (heapSize == heapNode.length) {
                heapNode = Arrays.copyOf(heapNode, heapSize * 2);
                heapKey = Arrays.copyOf(heapKey, heapSize * 2);
            }
            int i = heapSize++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heapKey[parent] < key || (heapKey[parent] == key && heapNode[parent] < node)) {
                    break;
                }
                heapNode[i] = heapNode[parent];
                heapKey[i] = heapKey[parent];
                i = parent;
            }
            heapNode[i] = node;
            heapKey[i] = key;
        }

        private int pop() {
            int top = heapNode[0];
            int node = heapNode[--heapSize];
            float key = heapKey[heapSize];
            int i = 0;
            while (true) {
                int c = 2 * i + 1;
                if (c >= heapSize) {
                    break;
                }
                if (c + 1 < heapSize && (heapKey[c + 1] < heapKey[c]
                        || (heapKey[c + 1] == heapKey[c] && heapNode[c + 1] < heapNode[c]))) {
                    c++;
                }
                if (key < heapKey[c] || (key == heapKey[c] && node < heapNode[c])) {
                    break;
                }
                heapNode[i] = heapNode[c];
                heapKey[i] = heapKey[c];
                i = c;
            }
            heapNode[i] = node;
            heapKey[i] = key;
            return top;
        }
    }

    /** Sorts the first {@code count} entries by (distance, column); insertion sort, k is small. */
    static void sortByDistance(int[] cols, float[] dist, int count) {
        for (int a = 1; a < count; a++) {
            int c = cols[a];
            float d = dist[a];
            int b = a - 1;
            while (b >= 0 && (dist[b] > d || (dist[b] == d && cols[b] > c))) {
                cols[b + 1] = cols[b];
                dist[b + 1] = dist[b];
                b--;
            }
            cols[b + 1] = c;
            dist[b + 1] = d;
        }
    }
}
