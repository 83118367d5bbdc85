/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.simd;

import java.util.Arrays;

/**
 * Point masses in structure-of-arrays form for {@link Kernels#cauchy}: x, y, z, mass. The arrays are
 * kept padded to a multiple of 16 with zero masses, so kernels run whole vectors without tails. Reused:
 * {@link #clear} keeps the arrays. Not thread-safe.
 */
public final class Bodies {
    private static final int PAD = 16;
    float[] x = new float[256];
    float[] y = new float[256];
    float[] z = new float[256];
    float[] m = new float[256];
    int count;

    public void clear() {
        count = 0;
    }

    public int count() {
        return count;
    }

    /** Appends a body. */
    public void add(float px, float py, float pz, float mass) {
        if (count + PAD >= x.length) {
            int cap = x.length * 2;
            x = Arrays.copyOf(x, cap);
            y = Arrays.copyOf(y, cap);
            z = Arrays.copyOf(z, cap);
            m = Arrays.copyOf(m, cap);
        }
        x[count] = px;
        y[count] = py;
        z[count] = pz;
        m[count] = mass;
        count++;
    }

    /**
     * Appends points {@code from … to} of a row-major position array ({@code dim} 2 or 3) as unit masses,
     * relative to the origin {@code (o0, o1, o2)}.
     */
    public void addPoints(double[] pos, int dim, int from, int to, double[] origin) {
        int add = to - from;
        if (count + add + PAD >= x.length) {
            int cap = Math.max(x.length * 2, count + add + PAD);
            x = Arrays.copyOf(x, cap);
            y = Arrays.copyOf(y, cap);
            z = Arrays.copyOf(z, cap);
            m = Arrays.copyOf(m, cap);
        }
        double o0 = origin[0];
        double o1 = origin[1];
        double o2 = origin[2];
        int c = count;
        if (dim == 2) {
            for (int q = from; q < to; q++, c++) {
                x[c] = (float) (pos[2 * q] - o0);
                y[c] = (float) (pos[2 * q + 1] - o1);
                z[c] = 0f;
                m[c] = 1f;
            }
        } else {
            for (int q = from; q < to; q++, c++) {
                x[c] = (float) (pos[3 * q] - o0);
                y[c] = (float) (pos[3 * q + 1] - o1);
                z[c] = (float) (pos[3 * q + 2] - o2);
                m[c] = 1f;
            }
        }
        count = c;
    }

    /** Zeroes the masses up to the next multiple of 16, so padded lanes contribute nothing. */
    void pad() {
        int end = (count + PAD - 1) / PAD * PAD;
        Arrays.fill(m, count, end, 0f);
    }

    /** Bodies rounded up to whole vectors of 16. */
    int padded() {
        return (count + PAD - 1) / PAD * PAD;
    }
}
