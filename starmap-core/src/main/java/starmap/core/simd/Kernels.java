/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.simd;

/**
 * Hot loops over float arrays. Rows are stored row-major with a stride that is a multiple of
 * {@link #padding()} and zero-filled beyond the real dimension, so implementations never need tails.
 */
public interface Kernels {
    /** The stride multiple rows must use: 16 for 512-bit vectors, 1 for scalar code. */
    int padding();

    /** Name for logs and run manifests: "panama-512", "scalar". */
    String name();

    /** Dot product of {@code a[aOff … aOff+len)} and {@code b[bOff … bOff+len)}. */
    float dot(float[] a, int aOff, float[] b, int bOff, int len);

    /**
     * Dot products of every row of {@code queries} with every row of {@code base} (both with stride
     * {@code stride}), written to {@code out[i * base.count + j]}.
     */
    void dotBlock(Rows queries, Rows base, int stride, float[] out);

    /**
     * {@code count} consecutive rows of a row-major array, starting at row {@code first}.
     *
     * @param data  the array
     * @param first index of the first row
     * @param count number of rows
     */
    record Rows(float[] data, int first, int count) {
    }

    /**
     * Dot products of {@code nq} query rows (row-major, stride {@code d}, in {@code queries}) with a block
     * of base rows stored transposed ({@code baseT[c * width + j]} is component c of base row j; width a
     * multiple of {@link #padding()}), written to {@code out[i * width + j]}.
     */
    void dotsTransposed(float[] queries, int nq, float[] baseT, int width, int d, float[] out);

    /** {@code v[off + j] = bias + norms[j] + scale * v[off + j]} for j in {@code [0, n)}. */
    void affine(float[] v, int off, int n, float bias, float[] norms, float scale);

    /**
     * Writes the indices j in {@code [0, n)} with {@code v[off + j] <= threshold} to {@code hits} and returns
     * how many there are.
     */
    int select(float[] v, int off, int n, float threshold, int[] hits);

    /**
     * t-SNE's repulsion from a list of masses at a point p: with w_b = 1 / (1 + ‖p − b‖²), writes
     * {@code out = {Σ m_b w_b, Σ m_b w_b² (p − b)_x, …_y, …_z}} (sums in float, returned as double).
     */
    void cauchy(Bodies bodies, float px, float py, float pz, double[] out);

    /**
     * t-SNE's attraction for rows {@code [from, to)}: {@code out[i·dim + a] = Σ_j p_ij w_ij (y_i − y_j)_a}
     * with w_ij = 1 / (1 + ‖y_i − y_j‖²), positions row-major float32, dim 2 or 3.
     */
    void attraction(SparseRows p, float[] y, int dim, int from, int to, double[] out);

    /** {@code acc[i] += x * y[i]} for {@code len} elements from the offsets. */
    void axpy(float x, float[] y, int yOff, float[] acc, int accOff, int len);

    /** The kernels in use, chosen once. */
    static Kernels get() {
        return Simd.KERNELS;
    }
}
