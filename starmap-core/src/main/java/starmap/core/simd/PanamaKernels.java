/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Vector API at the platform's preferred width. {@link #dotBlock} computes a 4 × 4 tile
 * of dot products per pass so each loaded vector feeds four fused multiply-adds.
 */
final class PanamaKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /**
     * The lanes added first to last. {@code reduceLanes(ADD)} leaves the order open, and the interpreter and
     * the compiled intrinsic differ, which would make results depend on JIT state.
     */
    private static float sum(FloatVector v) {
        float s = 0;
        for (int i = 0; i < L; i++) {
            s += v.lane(i);
        }
        return s;
    }

    @Override
    public int padding() {
        return L;
    }

    @Override
    public String name() {
        return "panama-" + S.vectorBitSize();
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i <= len - L; i += L) {
            acc = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc);
        }
        float s = sum(acc);
        for (; i < len; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    @Override
    public void dotBlock(Rows queries, Rows base, int stride, float[] out) {
        float[] qa = queries.data();
        float[] ba = base.data();
        int q0 = queries.first();
        int b0 = base.first();
        int nq = queries.count();
        int nb = base.count();
        int i = 0;
        for (; i + 4 <= nq; i += 4) {
            int j = 0;
            for (; j + 4 <= nb; j += 4) {
                tile(qa, (q0 + i) * stride, ba, (b0 + j) * stride, stride, out, i * nb + j, nb);
            }
            for (; j < nb; j++) {
                for (int r = 0; r < 4; r++) {
                    out[(i + r) * nb + j] = dot(qa, (q0 + i + r) * stride, ba, (b0 + j) * stride, stride);
                }
            }
        }
        for (; i < nq; i++) {
            for (int j = 0; j < nb; j++) {
                out[i * nb + j] = dot(qa, (q0 + i) * stride, ba, (b0 + j) * stride, stride);
            }
        }
    }

    /** Dot products of 4 query rows with 4 base rows; each loaded base vector feeds four FMAs. */
    private static void tile(float[] qa, int q0, float[] ba, int b0, int stride, float[] out, int o, int nb) {
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        int q1 = q0 + stride, q2 = q1 + stride, q3 = q2 + stride;
        int b1 = b0 + stride, b2 = b1 + stride, b3 = b2 + stride;
        for (int c = 0; c < stride; c += L) {
            FloatVector x0 = FloatVector.fromArray(S, qa, q0 + c);
            FloatVector x1 = FloatVector.fromArray(S, qa, q1 + c);
            FloatVector x2 = FloatVector.fromArray(S, qa, q2 + c);
            FloatVector x3 = FloatVector.fromArray(S, qa, q3 + c);
            FloatVector y = FloatVector.fromArray(S, ba, b0 + c);
            a00 = x0.fma(y, a00);
            a10 = x1.fma(y, a10);
            a20 = x2.fma(y, a20);
            a30 = x3.fma(y, a30);
            y = FloatVector.fromArray(S, ba, b1 + c);
            a01 = x0.fma(y, a01);
            a11 = x1.fma(y, a11);
            a21 = x2.fma(y, a21);
            a31 = x3.fma(y, a31);
            y = FloatVector.fromArray(S, ba, b2 + c);
            a02 = x0.fma(y, a02);
            a12 = x1.fma(y, a12);
            a22 = x2.fma(y, a22);
            a32 = x3.fma(y, a32);
            y = FloatVector.fromArray(S, ba, b3 + c);
            a03 = x0.fma(y, a03);
            a13 = x1.fma(y, a13);
            a23 = x2.fma(y, a23);
            a33 = x3.fma(y, a33);
        }
        out[o] = sum(a00);
        out[o + 1] = sum(a01);
        out[o + 2] = sum(a02);
        out[o + 3] = sum(a03);
        out[o + nb] = sum(a10);
        out[o + nb + 1] = sum(a11);
        out[o + nb + 2] = sum(a12);
        out[o + nb + 3] = sum(a13);
        out[o + 2 * nb] = sum(a20);
        out[o + 2 * nb + 1] = sum(a21);
        out[o + 2 * nb + 2] = sum(a22);
        out[o + 2 * nb + 3] = sum(a23);
        out[o + 3 * nb] = sum(a30);
        out[o + 3 * nb + 1] = sum(a31);
        out[o + 3 * nb + 2] = sum(a32);
        out[o + 3 * nb + 3] = sum(a33);
    }

    @Override
    public void dotsTransposed(float[] queries, int nq, float[] baseT, int width, int d, float[] out) {
        int i = 0;
        for (; i + 4 <= nq; i += 4) {
            int j = 0;
            for (; j + 4 * L <= width; j += 4 * L) {
                quad4(queries, i, baseT, width, d, out, j);
            }
            for (; j < width; j += L) {
                single(queries, i, 4, baseT, width, d, out, j);
            }
        }
        for (; i < nq; i++) {
            for (int j = 0; j < width; j += L) {
                single(queries, i, 1, baseT, width, d, out, j);
            }
        }
    }

    /** {@code rows} queries from i against one vector of base rows at j. */
    private static void single(float[] q, int i, int rows, float[] bt, int width, int d, float[] out, int j) {
        for (int r = i; r < i + rows; r++) {
            FloatVector acc = FloatVector.zero(S);
            for (int c = 0; c < d; c++) {
                acc = FloatVector.fromArray(S, bt, c * width + j).fma(FloatVector.broadcast(S, q[r * d + c]), acc);
            }
            acc.intoArray(out, r * width + j);
        }
    }

    /**
     * Four queries against 4L base rows: 16 accumulators; per component, 4 base vectors and 4
     * broadcasts feed 16 FMAs.
     */
    private static void quad4(float[] q, int i, float[] bt, int width, int d, float[] out, int j) {
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        int r0 = i * d, r1 = r0 + d, r2 = r1 + d, r3 = r2 + d;
        for (int c = 0; c < d; c++) {
            int b = c * width + j;
            FloatVector y0 = FloatVector.fromArray(S, bt, b);
            FloatVector y1 = FloatVector.fromArray(S, bt, b + L);
            FloatVector y2 = FloatVector.fromArray(S, bt, b + 2 * L);
            FloatVector y3 = FloatVector.fromArray(S, bt, b + 3 * L);
            FloatVector x = FloatVector.broadcast(S, q[r0 + c]);
            a00 = y0.fma(x, a00);
            a01 = y1.fma(x, a01);
            a02 = y2.fma(x, a02);
            a03 = y3.fma(x, a03);
            x = FloatVector.broadcast(S, q[r1 + c]);
            a10 = y0.fma(x, a10);
            a11 = y1.fma(x, a11);
            a12 = y2.fma(x, a12);
            a13 = y3.fma(x, a13);
            x = FloatVector.broadcast(S, q[r2 + c]);
            a20 = y0.fma(x, a20);
            a21 = y1.fma(x, a21);
            a22 = y2.fma(x, a22);
            a23 = y3.fma(x, a23);
            x = FloatVector.broadcast(S, q[r3 + c]);
            a30 = y0.fma(x, a30);
            a31 = y1.fma(x, a31);
            a32 = y2.fma(x, a32);
            a33 = y3.fma(x, a33);
        }
        int o = i * width + j;
        a00.intoArray(out, o);
        a01.intoArray(out, o + L);
        a02.intoArray(out, o + 2 * L);
        a03.intoArray(out, o + 3 * L);
        o += width;
        a10.intoArray(out, o);
        a11.intoArray(out, o + L);
        a12.intoArray(out, o + 2 * L);
        a13.intoArray(out, o + 3 * L);
        o += width;
        a20.intoArray(out, o);
        a21.intoArray(out, o + L);
        a22.intoArray(out, o + 2 * L);
        a23.intoArray(out, o + 3 * L);
        o += width;
        a30.intoArray(out, o);
        a31.intoArray(out, o + L);
        a32.intoArray(out, o + 2 * L);
        a33.intoArray(out, o + 3 * L);
    }

    @Override
    public void affine(float[] v, int off, int n, float bias, float[] norms, float scale) {
        FloatVector bv = FloatVector.broadcast(S, bias);
        int j = 0;
        for (; j <= n - L; j += L) {
            FloatVector.fromArray(S, v, off + j).fma(FloatVector.broadcast(S, scale), bv.add(FloatVector.fromArray(S, norms, j)))
                    .intoArray(v, off + j);
        }
        for (; j < n; j++) {
            v[off + j] = bias + norms[j] + scale * v[off + j];
        }
    }

    @Override
    public int select(float[] v, int off, int n, float threshold, int[] hits) {
        FloatVector t = FloatVector.broadcast(S, threshold);
        int h = 0;
        int j = 0;
        for (; j <= n - L; j += L) {
            long bits = FloatVector.fromArray(S, v, off + j).compare(VectorOperators.LE, t).toLong();
            while (bits != 0) {
                hits[h++] = j + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
        }
        for (; j < n; j++) {
            if (v[off + j] <= threshold) {
                hits[h++] = j;
            }
        }
        return h;
    }

    @Override
    public void cauchy(Bodies b, float px, float py, float pz, double[] out) {
        b.pad();
        int end = b.padded();
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector vx = FloatVector.broadcast(S, px);
        FloatVector vy = FloatVector.broadcast(S, py);
        FloatVector vz = FloatVector.broadcast(S, pz);
        FloatVector z = FloatVector.zero(S);
        FloatVector fx = z;
        FloatVector fy = z;
        FloatVector fz = z;
        for (int i = 0; i < end; i += L) {
            FloatVector dx = vx.sub(FloatVector.fromArray(S, b.x, i));
            FloatVector dy = vy.sub(FloatVector.fromArray(S, b.y, i));
            FloatVector dz = vz.sub(FloatVector.fromArray(S, b.z, i));
            FloatVector w = one.div(dx.fma(dx, dy.fma(dy, dz.fma(dz, one))));
            FloatVector mw = FloatVector.fromArray(S, b.m, i).mul(w);
            z = z.add(mw);
            FloatVector mw2 = mw.mul(w);
            fx = mw2.fma(dx, fx);
            fy = mw2.fma(dy, fy);
            fz = mw2.fma(dz, fz);
        }
        out[0] = sum(z);
        out[1] = sum(fx);
        out[2] = sum(fy);
        out[3] = sum(fz);
    }

    @Override
    public void attraction(SparseRows p, float[] y, int dim, int from, int to, double[] out) {
        int[] ptr = p.ptr();
        int[] cols = p.columns();
        float[] vals = p.values();
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = from; i < to; i++) {
            int io = i * dim;
            FloatVector x0 = FloatVector.broadcast(S, y[io]);
            FloatVector x1 = FloatVector.broadcast(S, y[io + 1]);
            FloatVector x2 = dim == 3 ? FloatVector.broadcast(S, y[io + 2]) : null;
            FloatVector f0 = FloatVector.zero(S);
            FloatVector f1 = f0;
            FloatVector f2 = f0;
            int end = ptr[i + 1];
            for (int q = ptr[i]; q < end; q += L) {
                var mask = S.indexInRange(q, end);
                FloatVector d0 = x0.sub(FloatVector.fromArray(S, y, 0, cols, q, mask));
                FloatVector d1 = x1.sub(FloatVector.fromArray(S, y, 1, cols, q, mask));
                FloatVector r2 = d0.fma(d0, d1.fma(d1, one));
                FloatVector d2 = null;
                if (x2 != null) {
                    d2 = x2.sub(FloatVector.fromArray(S, y, 2, cols, q, mask));
                    r2 = d2.fma(d2, r2);
                }
                FloatVector pw = FloatVector.fromArray(S, vals, q, mask).div(r2);
                f0 = pw.fma(d0, f0);
                f1 = pw.fma(d1, f1);
                if (d2 != null) {
                    f2 = pw.fma(d2, f2);
                }
            }
            out[io] = sum(f0);
            out[io + 1] = sum(f1);
            if (dim == 3) {
                out[io + 2] = sum(f2);
            }
        }
    }

    @Override
    public void axpy(float x, float[] y, int yOff, float[] acc, int accOff, int len) {
        FloatVector xv = FloatVector.broadcast(S, x);
        int i = 0;
        for (; i <= len - L; i += L) {
            xv.fma(FloatVector.fromArray(S, y, yOff + i), FloatVector.fromArray(S, acc, accOff + i))
                    .intoArray(acc, accOff + i);
        }
        for (; i < len; i++) {
            acc[accOff + i] += x * y[yOff + i];
        }
    }
}
