/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.simd;

/** Plain loops; the reference the SIMD kernels are tested against. */
public final class ScalarKernels implements Kernels {
    @Override
    public int padding() {
        return 1;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        float s = 0;
        for (int i = 0; i < len; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    @Override
    public void dotBlock(Rows queries, Rows base, int stride, float[] out) {
        int nb = base.count();
        for (int i = 0; i < queries.count(); i++) {
            int qo = (queries.first() + i) * stride;
            for (int j = 0; j < nb; j++) {
                out[i * nb + j] = dot(queries.data(), qo, base.data(), (base.first() + j) * stride, stride);
            }
        }
    }

    @Override
    public void dotsTransposed(float[] queries, int nq, float[] baseT, int width, int d, float[] out) {
        for (int i = 0; i < nq; i++) {
            int o = i * width;
            java.util.Arrays.fill(out, o, o + width, 0f);
            for (int c = 0; c < d; c++) {
                float q = queries[i * d + c];
                int b = c * width;
                for (int j = 0; j < width; j++) {
                    out[o + j] += q * baseT[b + j];
                }
            }
        }
    }

    @Override
    public void affine(float[] v, int off, int n, float bias, float[] norms, float scale) {
        for (int j = 0; j < n; j++) {
            v[off + j] = bias + norms[j] + scale * v[off + j];
        }
    }

    @Override
    public int select(float[] v, int off, int n, float threshold, int[] hits) {
        int h = 0;
        for (int j = 0; j < n; j++) {
            if (v[off + j] <= threshold) {
                hits[h++] = j;
            }
        }
        return h;
    }

    @Override
    public void cauchy(Bodies b, float px, float py, float pz, double[] out) {
        float z = 0;
        float fx = 0;
        float fy = 0;
        float fz = 0;
        for (int i = 0; i < b.count; i++) {
            float dx = px - b.x[i];
            float dy = py - b.y[i];
            float dz = pz - b.z[i];
            float w = 1 / (1 + dx * dx + dy * dy + dz * dz);
            float mw = b.m[i] * w;
            z += mw;
            float mw2 = mw * w;
            fx += mw2 * dx;
            fy += mw2 * dy;
            fz += mw2 * dz;
        }
        out[0] = z;
        out[1] = fx;
        out[2] = fy;
        out[3] = fz;
    }

    @Override
    public void attraction(SparseRows p, float[] y, int dim, int from, int to, double[] out) {
        for (int i = from; i < to; i++) {
            int io = i * dim;
            float f0 = 0;
            float f1 = 0;
            float f2 = 0;
            for (int q = p.ptr()[i]; q < p.ptr()[i + 1]; q++) {
                int jo = p.columns()[q];
                float d0 = y[io] - y[jo];
                float d1 = y[io + 1] - y[jo + 1];
                float d2 = dim == 3 ? y[io + 2] - y[jo + 2] : 0;
                float pw = p.values()[q] / (1 + d0 * d0 + d1 * d1 + d2 * d2);
                f0 += pw * d0;
                f1 += pw * d1;
                f2 += pw * d2;
            }
            out[io] = f0;
            out[io + 1] = f1;
            if (dim == 3) {
                out[io + 2] = f2;
            }
        }
    }

    @Override
    public void axpy(float x, float[] y, int yOff, float[] acc, int accOff, int len) {
        for (int i = 0; i < len; i++) {
            acc[accOff + i] += x * y[yOff + i];
        }
    }
}
