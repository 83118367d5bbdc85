/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne.repulsion;

import java.util.Arrays;
import starmap.core.InvalidParameterException;
import starmap.core.parallel.Parallel;

/**
 * FFT-accelerated interpolation (Linderman, Rachh, Hoskins, Steinerberger &amp; Kluger 2019, "FIt-SNE"),
 * 2D. The square around the points is cut into boxes with {@code p} equispaced interpolation nodes per
 * axis (at least {@code intervalsPerUnit} boxes per unit of extent, then as many more as the transform size,
 * the next 5-smooth number, leaves room for); four charges per point (1, x, y, x² + y²) are spread onto the nodes with Lagrange weights,
 * convolved with the squared Cauchy kernel 1/(1 + r²)² through zero-padded FFTs, and interpolated back.
 * That gives, per point, Σ_j w_ij² (y_i − y_j) and, through (1 + ‖y_i − y_j‖²) w_ij² = w_ij, the
 * normaliser Z. Two real charge grids share each complex transform (the kernel's spectrum is real), and
 * transforms are pruned ({@link PrunedConvolution}), so an iteration costs
 * five complex 2D transforms of about three-quarters the usual work each.
 *
 * <p>Spreading is done in a fixed number of chunks whose grids are added in order, so results do not
 * depend on the thread count.
 */
public final class FftRepulsion implements RepulsionEstimator {
    private static final int SPREAD_CHUNKS = 16;

    /**
     * @param interpolationPoints nodes per box and axis (default 3)
     * @param minIntervals        fewest boxes per axis (default 50)
     * @param intervalsPerUnit    boxes per unit of embedding extent (default 1)
     */
    public record Params(int interpolationPoints, int minIntervals, double intervalsPerUnit) {
        public static final Params DEFAULTS = new Params(3, 50, 1);

        public Params {
            InvalidParameterException.require(interpolationPoints >= 1 && interpolationPoints <= 10,
                    "interpolation points", "in [1, 10]", interpolationPoints);
            InvalidParameterException.require(minIntervals >= 1, "min intervals", ">= 1", minIntervals);
            InvalidParameterException.require(intervalsPerUnit > 0, "intervals per unit", "> 0", intervalsPerUnit);
        }
    }

    private final Params params;
    private final int p;
    private final double[] nodes;
    private int boxes;
    private int m;
    private int size;
    private double min;
    private double boxWidth;
    private PrunedConvolution conv;
    private double[] kernelHat;
    private double[] gridA;
    private double[] gridB;
    private int[] box;
    private double[] weights;
    private int[] rowStart;
    private int[] byRow;

    public FftRepulsion(Params params) {
        this.params = params;
        this.p = params.interpolationPoints();
        this.nodes = new double[p];
        for (int k = 0; k < p; k++) {
            nodes[k] = (k + 0.5) / p;
        }
    }

    @Override
    public String name() {
        return "fft";
    }

    @Override
    public void prepare(double[] y, Parallel parallel) {
        int n = y.length / 2;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double range = Math.max(hi - lo, 1e-9);
        int want = Math.max(params.minIntervals(), (int) Math.ceil(range * params.intervalsPerUnit()));
        int fftSize = smooth(2 * p * want);
        int nb = fftSize / (2 * p);
        min = lo;
        boxWidth = range / nb * (1 + 1e-9);
        if (nb != boxes) {
            boxes = nb;
            m = nb * p;
            size = fftSize;
            conv = new PrunedConvolution(size, m);
            kernelHat = new double[size * size];
            gridA = new double[size * size * 2];
            gridB = new double[size * size * 2];
        }
        if (box == null || box.length != n * 2) {
            box = new int[n * 2];
            weights = new double[n * 2 * p];
        }
        locate(y, parallel);
        // Recomputed every iteration on purpose: reusing it on a grid snapped to fixed widths made the
        // interpolation error systematic across iterations, and the layouts measurably worse (KL 2.61
        // instead of 2.56 on Fashion-MNIST), though each gradient was as accurate.
        kernelSpectrum(parallel);
    }

    /** The smallest number ≥ v with no prime factor above 5: sizes the FFT library transforms fast. */
    static int smooth(int v) {
        for (int c = v;; c++) {
            int x = c;
            for (int f : new int[] {2, 3, 5}) {
                while (x % f == 0) {
                    x /= f;
                }
            }
            if (x == 1) {
                return c;
            }
        }
    }

    /** Box of each point per axis and its Lagrange weights on the box's nodes. */
    private void locate(double[] y, Parallel par) {
        int n = y.length / 2;
        par.forRange(n, 4096, (s, e) -> {
            for (int i = s; i < e; i++) {
                for (int a = 0; a < 2; a++) {
                    double u = (y[i * 2 + a] - min) / boxWidth;
                    int b = Math.min(boxes - 1, (int) u);
                    u -= b;
                    box[i * 2 + a] = b;
                    int wo = (i * 2 + a) * p;
                    for (int k = 0; k < p; k++) {
                        double w = 1;
                        for (int l = 0; l < p; l++) {
                            if (l != k) {
                                w *= (u - nodes[l]) / (nodes[k] - nodes[l]);
                            }
                        }
                        weights[wo + k] = w;
                    }
                }
            }
        });
    }

    /** The spectrum of the squared Cauchy kernel on the node spacing, wrapped for circular convolution. */
    private void kernelSpectrum(Parallel par) {
        double h = boxWidth / p;
        double[] k = gridA;
        Arrays.fill(k, 0);
        for (int u = 0; u < size; u++) {
            if (u >= m && u <= size - m) {
                continue;
            }
            double dx = (u < m ? u : u - size) * h;
            for (int v = 0; v < size; v++) {
                if (v >= m && v <= size - m) {
                    continue;
                }
                double dy = (v < m ? v : v - size) * h;
                double w = 1 / (1 + dx * dx + dy * dy);
                k[(u * size + v) * 2] = w * w;
            }
        }
        conv.transformKernel(k, par);
        for (int c = 0; c < size * size; c++) {
            kernelHat[c] = k[c * 2];
        }
    }

    @Override
    public double accumulate(double[] y, double[] rep, Parallel par) {
        int n = y.length / 2;
        spread(y, par);
        conv.convolve(gridA, kernelHat, par);
        conv.convolve(gridB, kernelHat, par);
        return par.sum(n, 4096, (s, e) -> {
            double z = 0;
            for (int i = s; i < e; i++) {
                double[] phi = gather(i);
                double x = y[i * 2];
                double yy = y[i * 2 + 1];
                rep[i * 2] = x * phi[0] - phi[1];
                rep[i * 2 + 1] = yy * phi[0] - phi[2];
                z += (1 + x * x + yy * yy) * phi[0] - 2 * (x * phi[1] + yy * phi[2]) + phi[3];
            }
            return z;
        }) - n;
    }

    /**
     * Spreads charges (1, x) into gridA (real, imaginary) and (y, x² + y²) into gridB. Points are
     * bucketed by box row (a counting sort), and each of {@value #SPREAD_CHUNKS} fixed chunks of box rows
     * writes only its own grid rows, so no locks or private grids are needed.
     */
    private void spread(double[] y, Parallel par) {
        int n = y.length / 2;
        if (rowStart == null || rowStart.length != boxes + 1) {
            rowStart = new int[boxes + 1];
        }
        if (byRow == null || byRow.length != n) {
            byRow = new int[n];
        }
        java.util.Arrays.fill(rowStart, 0);
        for (int i = 0; i < n; i++) {
            rowStart[box[i * 2] + 1]++;
        }
        for (int b = 0; b < boxes; b++) {
            rowStart[b + 1] += rowStart[b];
        }
        int[] next = java.util.Arrays.copyOf(rowStart, boxes);
        for (int i = 0; i < n; i++) {
            byRow[next[box[i * 2]]++] = i;
        }
        // the pruned inverse leaves partial results in rows m and above; the next forward pass reads them
        Arrays.fill(gridA, 0);
        Arrays.fill(gridB, 0);
        int rowsPerChunk = (boxes + SPREAD_CHUNKS - 1) / SPREAD_CHUNKS;
        par.forRange(boxes, rowsPerChunk, (b0, b1) -> {
            for (int q = rowStart[b0]; q < rowStart[b1]; q++) {
                int i = byRow[q];
                double x = y[i * 2];
                double yy = y[i * 2 + 1];
                double q3 = x * x + yy * yy;
                int bx = box[i * 2] * p;
                int by = box[i * 2 + 1] * p;
                int wx = i * 2 * p;
                int wy = (i * 2 + 1) * p;
                for (int kx = 0; kx < p; kx++) {
                    for (int ky = 0; ky < p; ky++) {
                        double w = weights[wx + kx] * weights[wy + ky];
                        int c = ((bx + kx) * size + by + ky) * 2;
                        gridA[c] += w;
                        gridA[c + 1] += w * x;
                        gridB[c] += w * yy;
                        gridB[c + 1] += w * q3;
                    }
                }
            }
        });
    }

    /** The four potentials at point i, interpolated from the nodes of its box. */
    private double[] gather(int i) {
        double[] phi = new double[4];
        int bx = box[i * 2] * p;
        int by = box[i * 2 + 1] * p;
        int wx = i * 2 * p;
        int wy = (i * 2 + 1) * p;
        for (int kx = 0; kx < p; kx++) {
            for (int ky = 0; ky < p; ky++) {
                double w = weights[wx + kx] * weights[wy + ky];
                int c = ((bx + kx) * size + by + ky) * 2;
                phi[0] += w * gridA[c];
                phi[1] += w * gridA[c + 1];
                phi[2] += w * gridB[c];
                phi[3] += w * gridB[c + 1];
            }
        }
        return phi;
    }
}
