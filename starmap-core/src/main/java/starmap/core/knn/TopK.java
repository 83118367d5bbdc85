/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.knn;

/**
 * The k smallest (distance, index) pairs seen so far, as a bounded max-heap. Ties on distance are
 * broken by index (the smaller index wins), so results do not depend on the order candidates arrive.
 * Reusable through {@link #reset}.
 */
public final class TopK {
    private final int k;
    private final float[] dist;
    private final int[] idx;
    private int size;

    public TopK(int k) {
        this.k = k;
        this.dist = new float[k];
        this.idx = new int[k];
    }

    public void reset() {
        size = 0;
    }

    /** The largest distance kept, or +∞ while fewer than k are kept. */
    public float worst() {
        return size < k ? Float.POSITIVE_INFINITY : dist[0];
    }

    /** Offers a candidate. */
    public void offer(float d, int i) {
        if (size < k) {
            int c = size++;
            while (c > 0) {
                int p = (c - 1) >>> 1;
                if (!worse(d, i, dist[p], idx[p])) {
                    break;
                }
                dist[c] = dist[p];
                idx[c] = idx[p];
                c = p;
            }
            dist[c] = d;
            idx[c] = i;
        } else if (worse(dist[0], idx[0], d, i)) {
            siftDown(d, i);
        }
    }

    private void siftDown(float d, int i) {
        int c = 0;
        while (true) {
            int l = 2 * c + 1;
            if (l >= size) {
                break;
            }
            int r = l + 1;
            int m = r < size && worse(dist[r], idx[r], dist[l], idx[l]) ? r : l;
            if (!worse(dist[m], idx[m], d, i)) {
                break;
            }
            dist[c] = dist[m];
            idx[c] = idx[m];
            c = m;
        }
        dist[c] = d;
        idx[c] = i;
    }

    private static boolean worse(float d1, int i1, float d2, int i2) {
        return d1 > d2 || (d1 == d2 && i1 > i2);
    }

    public int size() {
        return size;
    }

    /** Copies the indices kept into {@code out[off …]} in no particular order. */
    public void indices(int[] out, int off) {
        System.arraycopy(idx, 0, out, off, size);
    }

    /** Copies the distances kept into {@code out[off …]}, in the order {@link #indices} gives. */
    public void distances(float[] out, int off) {
        System.arraycopy(dist, 0, out, off, size);
    }
}
