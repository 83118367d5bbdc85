/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.graph;

import starmap.core.sparse.CsrMatrix;

/** Unweighted views of a kNN graph, as graph layouts (MDE, node2vec) take them. */
public final class NeighborWeights {
    private NeighborWeights() {
    }

    /**
     * The symmetric adjacency of {@code g} with its distances dropped, PyMDE's convention: the weight of
     * (i, j) is 2 where each lists the other, 1 where only one does; no diagonal.
     */
    public static CsrMatrix mutualCounts(KnnGraph g) {
        int n = g.size();
        int k = g.k();
        int[] r = new int[2 * n * k];
        int[] c = new int[2 * n * k];
        float[] v = new float[2 * n * k];
        int e = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                int nb = g.neighbor(i, j);
                r[e] = i;
                c[e] = nb;
                v[e++] = 1f;
                r[e] = nb;
                c[e] = i;
                v[e++] = 1f;
            }
        }
        return CsrMatrix.fromCoordinates(n, n, r, c, v);
    }
}
