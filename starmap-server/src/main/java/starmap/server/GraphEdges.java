/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.server;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The first {@code k} neighbours of every point of a stored kNN graph, and what the viewer draws from
 * them: the graph's undirected edges (each pair once) in a seeded random order, cut into chunks so
 * that every chunk is a uniform sample of the whole (the map fills in evenly while chunks arrive, and
 * a viewer that stops early still shows every region); the edges among a set of points; in-degree.
 */
final class GraphEdges {
    /** Edges per chunk: 1 MiB of uint32 pairs. */
    static final int CHUNK = 1 << 17;
    /** Neighbours per point kept for drawing; more makes a hairball, not a picture. */
    static final int MAX_K = 16;

    private final String graph;
    private final int n;
    private final int k;
    /** Row i's neighbours at [i·k, i·k + k), -1 where it has fewer. */
    private final int[] table;
    private final List<Blob> chunks;
    private final int total;

    GraphEdges(String graph, int n, int k, int[] table) {
        this.graph = graph;
        this.n = n;
        this.k = k;
        this.table = table;
        int[] pairs = undirected();
        this.total = pairs.length / 2;
        shuffle(pairs, 0x5eed_ed9eL);
        List<Blob> c = new ArrayList<>();
        int chunkCount = Math.max(1, (total + CHUNK - 1) / CHUNK);
        for (int ci = 0; ci < chunkCount; ci++) {
            int from = ci * CHUNK;
            int to = Math.min(total, from + CHUNK);
            ByteBuffer buf = ByteBuffer.allocate((to - from) * 8).order(ByteOrder.LITTLE_ENDIAN);
            buf.asIntBuffer().put(pairs, from * 2, (to - from) * 2);
            c.add(Blob.of(buf.array(), Map.of("X-Starmap-Graph", graph, "X-Starmap-K", Integer.toString(k),
                    "X-Starmap-Edges", Integer.toString(total), "X-Starmap-Chunks", Integer.toString(chunkCount),
                    "X-Starmap-Chunk", Integer.toString(ci))));
        }
        this.chunks = List.copyOf(c);
    }

    String graph() {
        return graph;
    }

    int k() {
        return k;
    }

    int total() {
        return total;
    }

    int chunkCount() {
        return chunks.size();
    }

    Blob chunk(int i) {
        return chunks.get(i);
    }

    /** Each pair once: (i, j) from i's list, unless i also lists j and j < i (then j's entry counts). */
    private int[] undirected() {
        int[] out = new int[n * k * 2];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < k; a++) {
                int j = table[i * k + a];
                if (j < 0 || j == i || j >= n) {
                    continue;
                }
                if (j < i && lists(j, i)) {
                    continue;
                }
                out[m++] = Math.min(i, j);
                out[m++] = Math.max(i, j);
            }
        }
        return Arrays.copyOf(out, m);
    }

    private boolean lists(int row, int neighbour) {
        for (int a = 0; a < k; a++) {
            if (table[row * k + a] == neighbour) {
                return true;
            }
        }
        return false;
    }

    private static void shuffle(int[] pairs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = pairs.length / 2 - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int a = pairs[2 * i];
            int b = pairs[2 * i + 1];
            pairs[2 * i] = pairs[2 * j];
            pairs[2 * i + 1] = pairs[2 * j + 1];
            pairs[2 * j] = a;
            pairs[2 * j + 1] = b;
        }
    }

    /** The edges whose both ends are in {@code rows}, as a flat list of pairs. */
    int[] among(int[] rows) {
        java.util.BitSet in = new java.util.BitSet(n);
        for (int r : rows) {
            in.set(r);
        }
        int[] out = new int[16];
        int m = 0;
        for (int i : rows) {
            for (int a = 0; a < k; a++) {
                int j = table[i * k + a];
                if (j < 0 || j == i || !in.get(j) || (j < i && lists(j, i))) {
                    continue;
                }
                if (m + 2 > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[m++] = i;
                out[m++] = j;
            }
        }
        return Arrays.copyOf(out, m);
    }

    /** How many points list each point among their k nearest: high for a neighbourhood's typical members. */
    int[] inDegree() {
        int[] d = new int[n];
        for (int v : table) {
            if (v >= 0 && v < n) {
                d[v]++;
            }
        }
        return d;
    }
}
