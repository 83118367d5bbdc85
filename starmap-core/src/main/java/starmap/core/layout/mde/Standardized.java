/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.mde;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import starmap.core.parallel.Parallel;

/**
 * PyMDE's standardization constraint on an n × dim embedding Y: centred columns and YᵀY / n = I. The
 * projection onto it is the polar factor of the centred Y, Y (YᵀY / n)^(−1/2), from the eigenvectors of
 * the dim × dim Gram matrix; the tangent space at Y holds the centred G with YᵀG antisymmetric, and a
 * gradient is projected onto it as G − Y·sym(YᵀG) / n.
 *
 * <p>Thread-safe; the sums over points are split into fixed chunks and added in order, so results do not
 * depend on the pool.
 */
final class Standardized {
    private static final int ROWS_PER_CHUNK = 4096;
    /** Eigenvalues of YᵀY / n below this fraction of the largest make the projection ill-posed. */
    private static final double RANK_TOLERANCE = 1e-10;

    private final int n;
    private final int dim;
    private final Parallel par;

    Standardized(int n, int dim, Parallel par) {
        this.n = n;
        this.dim = dim;
        this.par = par;
    }

    /**
     * Moves {@code y} onto the constraint set. Returns false, leaving {@code y} finite but not
     * standardized, when its centred columns are (nearly) linearly dependent.
     */
    boolean project(double[] y) {
        center(y);
        double[] gram = cross(y, y);
        for (int c = 0; c < gram.length; c++) {
            gram[c] /= n;
        }
        double[] m = new double[dim * dim];
        boolean ok = inverseSqrt(gram, m);
        transform(y, m);
        return ok;
    }

    /** Replaces {@code g} by its projection onto the tangent space at {@code y} (a point of the set). */
    void tangent(double[] y, double[] g) {
        double[] s = cross(y, g);
        double[] sym = new double[dim * dim];
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b < dim; b++) {
                sym[a * dim + b] = -0.5 * (s[a * dim + b] + s[b * dim + a]) / n;
            }
        }
        par.forRange(n, ROWS_PER_CHUNK, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                for (int c = 0; c < dim; c++) {
                    double t = 0;
                    for (int r = 0; r < dim; r++) {
                        t += y[i * dim + r] * sym[r * dim + c];
                    }
                    g[i * dim + c] += t;
                }
            }
        });
        center(g);
    }

    /** Subtracts the column means. */
    private void center(double[] y) {
        int chunks = chunks();
        double[][] parts = new double[chunks][dim];
        par.forRange(chunks, 1, (lo, hi) -> {
            for (int ch = lo; ch < hi; ch++) {
                for (int i = ch * ROWS_PER_CHUNK; i < Math.min(n, (ch + 1) * ROWS_PER_CHUNK); i++) {
                    for (int a = 0; a < dim; a++) {
                        parts[ch][a] += y[i * dim + a];
                    }
                }
            }
        });
        double[] mean = new double[dim];
        for (double[] p : parts) {
            for (int a = 0; a < dim; a++) {
                mean[a] += p[a] / n;
            }
        }
        par.forRange(n, ROWS_PER_CHUNK, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                for (int a = 0; a < dim; a++) {
                    y[i * dim + a] -= mean[a];
                }
            }
        });
    }

    /** AᵀB for row-major n × dim A and B. */
    private double[] cross(double[] a, double[] b) {
        int chunks = chunks();
        double[][] parts = new double[chunks][dim * dim];
        par.forRange(chunks, 1, (lo, hi) -> {
            for (int ch = lo; ch < hi; ch++) {
                double[] g = parts[ch];
                for (int i = ch * ROWS_PER_CHUNK; i < Math.min(n, (ch + 1) * ROWS_PER_CHUNK); i++) {
                    for (int r = 0; r < dim; r++) {
                        double v = a[i * dim + r];
                        for (int c = 0; c < dim; c++) {
                            g[r * dim + c] += v * b[i * dim + c];
                        }
                    }
                }
            }
        });
        double[] g = new double[dim * dim];
        for (double[] p : parts) {
            for (int c = 0; c < g.length; c++) {
                g[c] += p[c];
            }
        }
        return g;
    }

    /** y_i ← y_i M for every row. */
    private void transform(double[] y, double[] m) {
        par.forRange(n, ROWS_PER_CHUNK, (lo, hi) -> {
            double[] row = new double[dim];
            for (int i = lo; i < hi; i++) {
                for (int c = 0; c < dim; c++) {
                    double s = 0;
                    for (int r = 0; r < dim; r++) {
                        s += y[i * dim + r] * m[r * dim + c];
                    }
                    row[c] = s;
                }
                System.arraycopy(row, 0, y, i * dim, dim);
            }
        });
    }

    /** m = g^(−1/2) for symmetric positive semi-definite g; small eigenvalues are raised (then false). */
    private boolean inverseSqrt(double[] g, double[] m) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(dim, true, true);
        if (!eig.decompose(DMatrixRMaj.wrap(dim, dim, g.clone()))) {
            throw new IllegalStateException("the eigendecomposition of a " + dim + " × " + dim + " Gram matrix "
                    + "failed");
        }
        double largest = 0;
        for (int k = 0; k < dim; k++) {
            largest = Math.max(largest, eig.getEigenvalue(k).real);
        }
        double floor = largest > 0 ? largest * RANK_TOLERANCE : 1;
        boolean ok = true;
        for (int k = 0; k < dim; k++) {
            double lambda = eig.getEigenvalue(k).real;
            ok &= lambda >= floor;
            double s = 1 / Math.sqrt(Math.max(lambda, floor));
            DMatrixRMaj v = eig.getEigenVector(k);
            double norm2 = 0;
            for (int r = 0; r < dim; r++) {
                norm2 += v.get(r, 0) * v.get(r, 0);
            }
            for (int r = 0; r < dim; r++) {
                for (int c = 0; c < dim; c++) {
                    m[r * dim + c] += s * v.get(r, 0) * v.get(c, 0) / norm2;
                }
            }
        }
        return ok;
    }

    private int chunks() {
        return (n + ROWS_PER_CHUNK - 1) / ROWS_PER_CHUNK;
    }
}
