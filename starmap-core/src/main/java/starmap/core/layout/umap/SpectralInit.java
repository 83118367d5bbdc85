/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.umap;

import java.util.Optional;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import starmap.core.parallel.Parallel;
import starmap.core.sparse.CsrMatrix;

/**
 * UMAP's spectral initialisation: the eigenvectors of the graph's normalised Laplacian
 * I − D^(−1/2) W D^(−1/2) with the smallest eigenvalues after the first (constant) one — found as the
 * largest of D^(−1/2) W D^(−1/2) by subspace iteration with oversampling (the block also has room for
 * an eigenvalue near −1, which a kNN graph rarely has; Rayleigh-Ritz keeps the largest by value), the
 * known top vector D^(1/2)·1 projected out, Cholesky-QR to orthonormalise. Only for a connected graph
 * (on a disconnected one the Laplacian's null space has one vector per component).
 */
public final class SpectralInit {
    private static final int OVERSAMPLE = 8;
    private static final int MAX_ITERATIONS = 150;
    /** Stop when the Ritz values move less than this in 10 iterations (umap-learn asks eigsh for 1e-4, but Lanczos converges faster than subspace iteration). */
    private static final double TOLERANCE = 1e-5;

    private SpectralInit() {
    }

    /** The number of connected components of the graph (union-find over its entries). */
    public static int components(CsrMatrix w) {
        int n = w.rows();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        int count = n;
        for (int i = 0; i < n; i++) {
            for (int p = w.rowStart(i); p < w.rowEnd(i); p++) {
                int a = find(parent, i);
                int b = find(parent, w.indexAt(p));
                if (a != b) {
                    parent[a] = b;
                    count--;
                }
            }
        }
        return count;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** n × dim coordinates, row-major; empty when the graph is disconnected or has an isolated point. */
    public static Optional<double[]> layout(CsrMatrix w, int dim, long seed, Parallel par) {
        int n = w.rows();
        int m = Math.min(dim + OVERSAMPLE, n - 1);
        if (m < dim || components(w) != 1) {
            return Optional.empty();
        }
        double[] dinv = new double[n];
        double[] top = new double[n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double deg = 0;
            for (int p = w.rowStart(i); p < w.rowEnd(i); p++) {
                deg += w.valueAt(p);
            }
            if (deg <= 0) {
                return Optional.empty();
            }
            dinv[i] = 1 / Math.sqrt(deg);
            top[i] = Math.sqrt(deg);
            norm += deg;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
            top[i] /= norm;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n * m];
        for (int c = 0; c < x.length; c++) {
            x[c] = rnd.nextGaussian();
        }
        double[] y = new double[n * m];
        deflate(x, top, n, m);
        orthonormalise(x, n, m, par);
        double[] previous = null;
        for (int it = 1; it <= MAX_ITERATIONS; it++) {
            apply(w, dinv, x, y, m, par);
            deflate(y, top, n, m);
            double[] t = x;
            x = y;
            y = t;
            orthonormalise(x, n, m, par);
            if (it % 10 == 0) {
                double[] ritz = ritz(w, dinv, x, y, n, m, dim, par, null);
                if (previous != null && converged(previous, ritz)) {
                    break;
                }
                previous = ritz;
            }
        }
        double[] out = new double[n * dim];
        ritz(w, dinv, x, y, n, m, dim, par, out);
        return Optional.of(out);
    }

    private static boolean converged(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /** y = D^(−1/2) W D^(−1/2) x, for the m columns of x at once (row-major n × m). */
    private static void apply(CsrMatrix w, double[] dinv, double[] x, double[] y, int m, Parallel par) {
        int n = w.rows();
        par.forRange(n, par.grain(n, 8, 1024), (lo, hi) -> {
            double[] acc = new double[m];
            for (int i = lo; i < hi; i++) {
                java.util.Arrays.fill(acc, 0);
                for (int p = w.rowStart(i); p < w.rowEnd(i); p++) {
                    int j = w.indexAt(p);
                    double v = w.valueAt(p) * dinv[j];
                    for (int c = 0; c < m; c++) {
                        acc[c] += v * x[j * m + c];
                    }
                }
                for (int c = 0; c < m; c++) {
                    y[i * m + c] = dinv[i] * acc[c];
                }
            }
        });
    }

    /** Removes the component along the known top eigenvector from every column. */
    private static void deflate(double[] x, double[] top, int n, int m) {
        double[] dots = new double[m];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < m; c++) {
                dots[c] += top[i] * x[i * m + c];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < m; c++) {
                x[i * m + c] -= dots[c] * top[i];
            }
        }
    }

    /** Cholesky-QR: X ← X R⁻¹ with RᵀR = XᵀX (once per iteration; the iteration itself corrects the rest). */
    private static void orthonormalise(double[] x, int n, int m, Parallel par) {
        double[] r = cholesky(gram(x, x, n, m, par), m);
        if (r == null) {
            gramSchmidt(x, n, m);
            return;
        }
        double[] rinv = invertUpper(r, m);
        par.forRange(n, par.grain(n, 8, 4096), (lo, hi) -> {
            double[] row = new double[m];
            for (int i = lo; i < hi; i++) {
                for (int c = 0; c < m; c++) {
                    double s = 0;
                    for (int k = 0; k <= c; k++) {
                        s += x[i * m + k] * rinv[k * m + c];
                    }
                    row[c] = s;
                }
                System.arraycopy(row, 0, x, i * m, m);
            }
        });
    }

    /** AᵀB for two row-major n × m blocks. */
    private static double[] gram(double[] a, double[] b, int n, int m, Parallel par) {
        int chunks = Math.max(1, Math.min(64, n / 4096));
        double[][] parts = new double[chunks][];
        par.forRange(chunks, 1, (lo, hi) -> {
            for (int ch = lo; ch < hi; ch++) {
                double[] g = new double[m * m];
                int from = (int) ((long) n * ch / chunks);
                int to = (int) ((long) n * (ch + 1) / chunks);
                for (int i = from; i < to; i++) {
                    for (int c = 0; c < m; c++) {
                        double v = a[i * m + c];
                        for (int d = 0; d < m; d++) {
                            g[c * m + d] += v * b[i * m + d];
                        }
                    }
                }
                parts[ch] = g;
            }
        });
        double[] g = new double[m * m];
        for (double[] p : parts) {
            for (int c = 0; c < g.length; c++) {
                g[c] += p[c];
            }
        }
        return g;
    }

    /** Upper-triangular R with RᵀR = G, or null when G is not positive definite. */
    private static double[] cholesky(double[] g, int m) {
        double[] r = new double[m * m];
        for (int j = 0; j < m; j++) {
            double s = g[j * m + j];
            for (int k = 0; k < j; k++) {
                s -= r[k * m + j] * r[k * m + j];
            }
            if (s <= 1e-300 * Math.max(1, g[j * m + j]) || !Double.isFinite(s)) {
                return null;
            }
            double d = Math.sqrt(s);
            r[j * m + j] = d;
            for (int c = j + 1; c < m; c++) {
                double t = g[j * m + c];
                for (int k = 0; k < j; k++) {
                    t -= r[k * m + j] * r[k * m + c];
                }
                r[j * m + c] = t / d;
            }
        }
        return r;
    }

    private static double[] invertUpper(double[] r, int m) {
        double[] inv = new double[m * m];
        for (int c = 0; c < m; c++) {
            inv[c * m + c] = 1 / r[c * m + c];
            for (int row = c - 1; row >= 0; row--) {
                double s = 0;
                for (int k = row + 1; k <= c; k++) {
                    s += r[row * m + k] * inv[k * m + c];
                }
                inv[row * m + c] = -s / r[row * m + row];
            }
        }
        return inv;
    }

    private static void gramSchmidt(double[] x, int n, int m) {
        for (int c = 0; c < m; c++) {
            for (int d = 0; d < c; d++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += x[i * m + c] * x[i * m + d];
                }
                for (int i = 0; i < n; i++) {
                    x[i * m + c] -= dot * x[i * m + d];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += x[i * m + c] * x[i * m + c];
            }
            norm = Math.sqrt(Math.max(norm, 1e-300));
            for (int i = 0; i < n; i++) {
                x[i * m + c] /= norm;
            }
        }
    }

    /**
     * Rayleigh-Ritz on the block: the eigenvalues of XᵀAX, largest first (the first {@code dim});
     * with {@code out}, also writes the matching Ritz vectors X·v into it (row-major n × dim).
     */
    private static double[] ritz(CsrMatrix w, double[] dinv, double[] x, double[] scratch, int n, int m, int dim,
            Parallel par, double[] out) {
        apply(w, dinv, x, scratch, m, par);
        double[] h = gram(x, scratch, n, m, par);
        DMatrixRMaj hm = new DMatrixRMaj(m, m);
        for (int c = 0; c < m; c++) {
            for (int d = 0; d < m; d++) {
                hm.set(c, d, 0.5 * (h[c * m + d] + h[d * m + c]));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
        if (!eig.decompose(hm)) {
            throw new IllegalStateException("the spectral initialisation's small eigenproblem failed");
        }
        Integer[] order = new Integer[m];
        for (int c = 0; c < m; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(eig.getEigenvalue(q).real, eig.getEigenvalue(p).real));
        double[] values = new double[dim];
        for (int a = 0; a < dim; a++) {
            values[a] = eig.getEigenvalue(order[a]).real;
        }
        if (out != null) {
            double[][] vecs = new double[dim][];
            for (int a = 0; a < dim; a++) {
                DMatrixRMaj v = eig.getEigenVector(order[a]);
                vecs[a] = new double[m];
                for (int c = 0; c < m; c++) {
                    vecs[a][c] = v.get(c, 0);
                }
            }
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < dim; a++) {
                    double s = 0;
                    for (int c = 0; c < m; c++) {
                        s += x[i * m + c] * vecs[a][c];
                    }
                    out[i * dim + a] = s;
                }
            }
        }
        return values;
    }
}
