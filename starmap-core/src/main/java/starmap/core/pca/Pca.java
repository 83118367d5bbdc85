/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.pca;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import starmap.core.InvalidParameterException;
import starmap.core.parallel.Parallel;
import starmap.core.simd.Kernels;
import starmap.core.vectors.VectorSource;

/**
 * Fits principal components. Two solvers give the same subspace:
 * <ul>
 *   <li><b>covariance</b>: accumulates the d × d covariance with SIMD rank-1 updates (O(n d²)) and
 *       eigen-decomposes it with EJML; exact, chosen for d ≤ {@value #COVARIANCE_MAX_D};</li>
 *   <li><b>randomized</b>: a seeded randomized range finder with {@value #POWER_ITERATIONS} power
 *       iterations (O(n d (k + 10))), for wider data.</li>
 * </ul>
 */
public final class Pca {
    /** Widest data the covariance solver handles; wider data uses the randomized solver. */
    public static final int COVARIANCE_MAX_D = 2048;
    static final int POWER_ITERATIONS = 4;
    private static final int OVERSAMPLING = 10;

    /** Which solver to use. */
    public enum Solver { AUTO, COVARIANCE, RANDOMIZED }

    private Pca() {
    }

    /** The top {@code k} components of {@code data}; {@code seed} is used by the randomized solver only. */
    public static PcaModel fit(VectorSource data, int k, Solver solver, long seed, Parallel par) {
        int n = data.size();
        int d = data.dimension();
        InvalidParameterException.require(k >= 1 && k <= d, "components", "in [1, " + d + "]", k);
        InvalidParameterException.require(n >= 2, "points", "at least 2 for PCA", n);
        float[] mean = mean(data, par);
        boolean covariance = solver == Solver.COVARIANCE || (solver == Solver.AUTO && d <= COVARIANCE_MAX_D);
        DMatrixRMaj cov = covariance ? covariance(data, mean, par) : null;
        double total = covariance ? trace(cov) : totalVariance(data, mean, par);
        double[][] eig = covariance ? topEigen(cov, k) : randomized(data, mean, k, seed, par);
        float[] comps = new float[k * d];
        double[] variances = new double[k];
        for (int c = 0; c < k; c++) {
            variances[c] = Math.max(0, eig[0][c]);
            double[] v = eig[c + 1];
            int maxAt = 0;
            for (int j = 1; j < d; j++) {
                if (Math.abs(v[j]) > Math.abs(v[maxAt])) {
                    maxAt = j;
                }
            }
            double sign = v[maxAt] < 0 ? -1 : 1;
            for (int j = 0; j < d; j++) {
                comps[c * d + j] = (float) (sign * v[j]);
            }
        }
        return new PcaModel(mean, comps, variances, total);
    }

    private static float[] mean(VectorSource data, Parallel par) {
        int n = data.size();
        int d = data.dimension();
        int grain = 4096;
        int chunks = (n + grain - 1) / grain;
        double[][] partial = new double[chunks][];
        par.forRange(n, grain, (s, e) -> {
            double[] acc = new double[d];
            float[] row = new float[d];
            for (int i = s; i < e; i++) {
                data.read(i, row, 0);
                for (int j = 0; j < d; j++) {
                    acc[j] += row[j];
                }
            }
            partial[s / grain] = acc;
        });
        float[] mean = new float[d];
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (double[] p : partial) {
                s += p[j];
            }
            mean[j] = (float) (s / n);
        }
        return mean;
    }

    /** Covariance (n − 1 denominator), accumulated per chunk in float, chunks summed in double in order. */
    private static DMatrixRMaj covariance(VectorSource data, float[] mean, Parallel par) {
        int n = data.size();
        int d = data.dimension();
        Kernels kernels = Kernels.get();
        int grain = 1024;
        int chunks = (n + grain - 1) / grain;
        float[][] partial = new float[chunks][];
        par.forRange(n, grain, (s, e) -> {
            float[] acc = new float[d * d];
            float[] row = new float[d];
            for (int i = s; i < e; i++) {
                data.read(i, row, 0);
                for (int j = 0; j < d; j++) {
                    row[j] -= mean[j];
                }
                for (int a = 0; a < d; a++) {
                    if (row[a] != 0) {
                        kernels.axpy(row[a], row, a, acc, a * d + a, d - a);
                    }
                }
            }
            partial[s / grain] = acc;
        });
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        double[] c = cov.data;
        for (float[] p : partial) {
            for (int i = 0; i < p.length; i++) {
                c[i] += p[i];
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double v = c[a * d + b] / (n - 1);
                c[a * d + b] = v;
                c[b * d + a] = v;
            }
        }
        return cov;
    }

    private static double trace(DMatrixRMaj m) {
        double t = 0;
        for (int i = 0; i < m.numRows; i++) {
            t += m.get(i, i);
        }
        return t;
    }

    private static double totalVariance(VectorSource data, float[] mean, Parallel par) {
        int d = data.dimension();
        double ss = par.sum(data.size(), 4096, (s, e) -> {
            float[] row = new float[d];
            double acc = 0;
            for (int i = s; i < e; i++) {
                data.read(i, row, 0);
                for (int j = 0; j < d; j++) {
                    double t = row[j] - mean[j];
                    acc += t * t;
                }
            }
            return acc;
        });
        return ss / (data.size() - 1);
    }

    /** Returns {eigenvalues (k), eigenvector 0, …, eigenvector k−1}, largest first. */
    private static double[][] topEigen(DMatrixRMaj cov, int k) {
        int d = cov.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(cov.copy())) {
            throw new IllegalStateException("eigendecomposition of the " + d + " × " + d + " covariance failed");
        }
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        double[][] out = new double[k + 1][];
        out[0] = new double[k];
        for (int c = 0; c < k; c++) {
            out[0][c] = eig.getEigenvalue(order[c]).real;
            out[c + 1] = eig.getEigenVector(order[c]).data.clone();
        }
        return out;
    }

    /** Randomized range finder on the centred data, then an exact eigenproblem in the small subspace. */
    private static double[][] randomized(VectorSource data, float[] mean, int k, long seed, Parallel par) {
        int d = data.dimension();
        int l = Math.min(d, k + OVERSAMPLING);
        SplittableRandom rnd = new SplittableRandom(seed);
        DMatrixRMaj q = new DMatrixRMaj(d, l);
        for (int i = 0; i < q.data.length; i++) {
            q.data[i] = rnd.nextGaussian();
        }
        q = orthonormal(q);
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            q = orthonormal(gram(data, mean, q, par));
        }
        DMatrixRMaj small = new DMatrixRMaj(l, l);
        CommonOps_DDRM.multTransA(q, gram(data, mean, q, par), small);
        double[][] eig = topEigen(small, Math.min(k, l));
        double[][] out = new double[k + 1][];
        out[0] = eig[0];
        for (int c = 0; c < k; c++) {
            DMatrixRMaj v = new DMatrixRMaj(l, 1, true, eig[c + 1]);
            DMatrixRMaj full = new DMatrixRMaj(d, 1);
            CommonOps_DDRM.mult(q, v, full);
            out[c + 1] = full.data;
        }
        return out;
    }

    /** Xcᵀ Xc Q / (n − 1) for the centred data Xc, without forming Xc: one streaming pass. */
    private static DMatrixRMaj gram(VectorSource data, float[] mean, DMatrixRMaj q, Parallel par) {
        int n = data.size();
        int d = data.dimension();
        int l = q.numCols;
        int grain = 2048;
        int chunks = (n + grain - 1) / grain;
        double[][] partial = new double[chunks][];
        par.forRange(n, grain, (s, e) -> {
            double[] acc = new double[d * l];
            float[] row = new float[d];
            double[] y = new double[l];
            for (int i = s; i < e; i++) {
                data.read(i, row, 0);
                Arrays.fill(y, 0);
                for (int j = 0; j < d; j++) {
                    double x = row[j] - mean[j];
                    for (int c = 0; c < l; c++) {
                        y[c] += x * q.data[j * l + c];
                    }
                }
                for (int j = 0; j < d; j++) {
                    double x = row[j] - mean[j];
                    for (int c = 0; c < l; c++) {
                        acc[j * l + c] += x * y[c];
                    }
                }
            }
            partial[s / grain] = acc;
        });
        DMatrixRMaj out = new DMatrixRMaj(d, l);
        for (double[] p : partial) {
            for (int i = 0; i < p.length; i++) {
                out.data[i] += p[i];
            }
        }
        CommonOps_DDRM.scale(1.0 / (n - 1), out);
        return out;
    }

    private static DMatrixRMaj orthonormal(DMatrixRMaj m) {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(m.numRows, m.numCols);
        if (!qr.decompose(m.copy())) {
            throw new IllegalStateException("QR decomposition failed");
        }
        return qr.getQ(null, true);
    }
}
