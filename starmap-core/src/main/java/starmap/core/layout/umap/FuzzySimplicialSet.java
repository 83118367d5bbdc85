/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.umap;

import starmap.core.InvalidParameterException;
import starmap.core.graph.KnnGraph;
import starmap.core.parallel.Parallel;
import starmap.core.sparse.CsrMatrix;

/**
 * The fuzzy simplicial set of a kNN graph, as umap-learn makes it: for each point the distance ρ to its
 * nearest neighbour (the first at a distance above 0) and a scale σ found by bisection so that
 * Σ_j exp(−max(0, d_ij − ρ_i) / σ_i) = log2(k + 1) over its k neighbours (the point itself is the
 * (k+1)-th of n_neighbors); memberships w_ij = exp(−max(0, d_ij − ρ_i) / σ_i); then the fuzzy union
 * W + Wᵀ − W ∘ Wᵀ, a symmetric sparse matrix.
 */
public final class FuzzySimplicialSet {
    private static final int BISECTIONS = 64;
    private static final double TOLERANCE = 1e-5;
    /** σ is never below this fraction of the mean distance to the neighbours. */
    private static final double MIN_K_DIST_SCALE = 1e-3;

    private FuzzySimplicialSet() {
    }

    /** ρ and σ of one point from its neighbour distances (ascending). */
    static double[] smoothDistance(float[] d, int from, int k, double meanAll) {
        double target = Math.log(k + 1) / Math.log(2);
        double rho = 0;
        for (int j = 0; j < k; j++) {
            if (d[from + j] > 0) {
                rho = d[from + j];
                break;
            }
        }
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double mid = 1;
        for (int it = 0; it < BISECTIONS; it++) {
            double psum = 0;
            for (int j = 0; j < k; j++) {
                double x = d[from + j] - rho;
                psum += x > 0 ? Math.exp(-x / mid) : 1;
            }
            if (Math.abs(psum - target) < TOLERANCE) {
                break;
            }
            if (psum > target) {
                hi = mid;
                mid = (lo + hi) / 2;
            } else {
                lo = mid;
                mid = hi == Double.POSITIVE_INFINITY ? mid * 2 : (lo + hi) / 2;
            }
        }
        double mean = 0;
        for (int j = 0; j < k; j++) {
            mean += d[from + j];
        }
        mean /= k;
        double floor = MIN_K_DIST_SCALE * (rho > 0 ? mean : meanAll);
        return new double[] {rho, Math.max(mid, floor)};
    }

    /** The symmetric membership matrix of the first {@code k} neighbours of every point. */
    public static CsrMatrix of(KnnGraph graph, int k, Parallel par) {
        InvalidParameterException.require(k >= 1 && k <= graph.k(), "k", "in [1, " + graph.k() + "]", k);
        int n = graph.size();
        int gk = graph.k();
        float[] dist = graph.distances();
        int[] idx = graph.indices();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                sum += dist[i * gk + j];
            }
        }
        double meanAll = n == 0 ? 0 : sum / ((double) n * k);
        int[] rows = new int[n * k];
        int[] cols = new int[n * k];
        float[] vals = new float[n * k];
        par.forRange(n, par.grain(n, 8, 256), (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                double[] rs = smoothDistance(dist, i * gk, k, meanAll);
                for (int j = 0; j < k; j++) {
                    double x = dist[i * gk + j] - rs[0];
                    rows[i * k + j] = i;
                    cols[i * k + j] = idx[i * gk + j];
                    vals[i * k + j] = (float) (x > 0 ? Math.exp(-x / rs[1]) : 1);
                }
            }
        });
        CsrMatrix w = CsrMatrix.fromCoordinates(n, n, rows, cols, vals);
        return union(w, w.transpose());
    }

    /** a + b − a·b entry by entry, over the union of the two patterns (rows sorted by column). */
    static CsrMatrix union(CsrMatrix a, CsrMatrix b) {
        int n = a.rows();
        int[] indptr = new int[n + 1];
        int[] ai = a.indices();
        int[] bi = b.indices();
        float[] av = a.values();
        float[] bv = b.values();
        int[] outI = new int[a.nonZeros() + b.nonZeros()];
        float[] outV = new float[outI.length];
        int m = 0;
        for (int r = 0; r < n; r++) {
            int p = a.rowStart(r);
            int pe = a.rowEnd(r);
            int q = b.rowStart(r);
            int qe = b.rowEnd(r);
            while (p < pe || q < qe) {
                int ca = p < pe ? ai[p] : Integer.MAX_VALUE;
                int cb = q < qe ? bi[q] : Integer.MAX_VALUE;
                float x = 0;
                float y = 0;
                int c;
                if (ca == cb) {
                    c = ca;
                    x = av[p++];
                    y = bv[q++];
                } else if (ca < cb) {
                    c = ca;
                    x = av[p++];
                } else {
                    c = cb;
                    y = bv[q++];
                }
                float v = x + y - x * y;
                if (v > 0) {
                    outI[m] = c;
                    outV[m++] = v;
                }
            }
            indptr[r + 1] = m;
        }
        return CsrMatrix.of(n, n, indptr, java.util.Arrays.copyOf(outI, m), java.util.Arrays.copyOf(outV, m));
    }
}
