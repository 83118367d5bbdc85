/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne.repulsion;

import org.jtransforms.fft.DoubleFFT_1D;
import starmap.core.parallel.Parallel;

/**
 * Circular 2D convolution of an m × m block of complex charges (zero-padded to N × N) with a kernel
 * whose spectrum is real, computed with row and column 1D FFTs on the caller's pool. The padding is
 * exploited: the forward pass transforms only the m rows that hold charges, and the inverse pass only
 * the m rows whose potentials are read, so a 2D transform costs m + N instead of 2N 1D transforms.
 * Columns are processed {@value #COLUMNS} at a time through a contiguous buffer to keep memory access
 * sequential. Chunks are fixed, so results do not depend on the thread count.
 */
final class PrunedConvolution {
    private static final int COLUMNS = 8;

    private final int n;
    private final int m;
    private final DoubleFFT_1D fft;

    PrunedConvolution(int n, int m) {
        this.n = n;
        this.m = m;
        this.fft = new DoubleFFT_1D(n);
    }

    int size() {
        return n;
    }

    /** The full 2D spectrum of a real kernel given as the real parts of {@code grid} (interleaved complex, N × N). */
    void transformKernel(double[] grid, Parallel par) {
        rows(grid, 0, n, true, par);
        columns(grid, true, par);
    }

    /** Convolves in place: {@code grid} holds charges in rows [0, m) and potentials there afterwards. */
    void convolve(double[] grid, double[] spectrum, Parallel par) {
        rows(grid, 0, m, true, par);
        columns(grid, true, par);
        par.forRange(n * n, 1 << 16, (s, e) -> {
            for (int c = s; c < e; c++) {
                grid[2 * c] *= spectrum[c];
                grid[2 * c + 1] *= spectrum[c];
            }
        });
        columns(grid, false, par);
        rows(grid, 0, m, false, par);
    }

    private void rows(double[] grid, int from, int to, boolean forward, Parallel par) {
        par.forRange(to - from, 16, (s, e) -> {
            for (int r = from + s; r < from + e; r++) {
                if (forward) {
                    fft.complexForward(grid, 2 * r * n);
                } else {
                    fft.complexInverse(grid, 2 * r * n, true);
                }
            }
        });
    }

    private void columns(double[] grid, boolean forward, Parallel par) {
        int blocks = (n + COLUMNS - 1) / COLUMNS;
        par.forRange(blocks, 4, (s, e) -> {
            double[] buf = new double[COLUMNS * 2 * n];
            for (int b = s; b < e; b++) {
                int c0 = b * COLUMNS;
                int cols = Math.min(COLUMNS, n - c0);
                for (int r = 0; r < n; r++) {
                    int src = 2 * (r * n + c0);
                    for (int c = 0; c < cols; c++) {
                        buf[c * 2 * n + 2 * r] = grid[src + 2 * c];
                        buf[c * 2 * n + 2 * r + 1] = grid[src + 2 * c + 1];
                    }
                }
                for (int c = 0; c < cols; c++) {
                    if (forward) {
                        fft.complexForward(buf, c * 2 * n);
                    } else {
                        fft.complexInverse(buf, c * 2 * n, true);
                    }
                }
                for (int r = 0; r < n; r++) {
                    int dst = 2 * (r * n + c0);
                    for (int c = 0; c < cols; c++) {
                        grid[dst + 2 * c] = buf[c * 2 * n + 2 * r];
                        grid[dst + 2 * c + 1] = buf[c * 2 * n + 2 * r + 1];
                    }
                }
            }
        });
    }
}
