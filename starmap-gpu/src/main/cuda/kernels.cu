/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
// Starmap's CUDA kernels: exact kNN and t-SNE (attraction over CSR affinities, repulsion by FFT-accelerated
// interpolation in 2D and 3D, the optimizer step, KL terms).
//
// Compiled three ways from this one file: to PTX by scripts/gpu-ptx.sh (nvcc; the PTX is committed as
// src/main/resources/starmap/gpu/kernels.ptx), at run time by NVRTC when the driver rejects that PTX, and
// on the host for the tests (g++ with STARMAP_EMULATION and the test's emu.h: one thread does all the work).
// So every kernel is a grid-stride loop, uses no shared memory and no barriers, and shares results across
// threads only through atomics; warp reductions are the one place the two builds differ. No headers: NVRTC
// has none by default.

#define BLOCK 256
#define MAX_P 4
#define MAX_DIM 3
#define MAX_K 128
#define REF_TILE 8

__device__ __forceinline__ long long first_index() {
    return (long long) blockIdx.x * blockDim.x + threadIdx.x;
}

__device__ __forceinline__ long long grid_stride() {
    return (long long) blockDim.x * gridDim.x;
}

// Sum over the warp; lane 0 holds the total. Every lane of the warp must call it (all threads leave their
// grid-stride loops before reducing, and blocks are whole warps).
__device__ __forceinline__ double warp_sum(double v) {
#ifdef STARMAP_EMULATION
    return v;
#else
    for (int off = 16; off > 0; off >>= 1) {
        v += __shfl_down_sync(0xffffffffu, v, off);
    }
    return v;
#endif
}

__device__ __forceinline__ unsigned int warp_max(unsigned int v) {
#ifdef STARMAP_EMULATION
    return v;
#else
    for (int off = 16; off > 0; off >>= 1) {
        unsigned int o = __shfl_down_sync(0xffffffffu, v, off);
        v = o > v ? o : v;
    }
    return v;
#endif
}

// Adds a thread's partial sum to *target with one atomic per warp.
__device__ __forceinline__ void add_to(double* target, double v) {
    v = warp_sum(v);
    if ((threadIdx.x & 31) == 0) {
        atomicAdd(target, v);
    }
}

// A float as an unsigned int whose order is the floats' order (so atomicMax finds a maximum); 0 is below
// every encoded float, so a zeroed accumulator is neutral.
__device__ __forceinline__ unsigned int ordered(float f) {
    unsigned int u = __float_as_uint(f);
    return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

// ---------------------------------------------------------------------------------------------------------
// kNN: exact, one query per thread, references in tiles of REF_TILE so each query coordinate read serves
// REF_TILE distances; all threads of a warp read the same reference rows (broadcast loads). The running k
// best of each query live in bestD/bestI (ascending squared distance, ties by index) between launches, so
// references can be streamed in blocks.

__device__ __forceinline__ bool before(float d, int i, float bd, int bi) {
    return d < bd || (d == bd && (unsigned int) i < (unsigned int) bi);
}

extern "C" __global__ void knn_init(long long count, float* bestD, int* bestI) {
    for (long long c = first_index(); c < count; c += grid_stride()) {
        bestD[c] = __int_as_float(0x7f800000);
        bestI[c] = -1;
    }
}

// Queries are rows [0, queries) of q (global ids qFirst + row); references rows [0, refs) of r (global ids
// rFirst + row); both d wide. A point is not its own neighbour.
extern "C" __global__ void knn_search(int queries, long long qFirst, const float* __restrict__ q, int refs,
        long long rFirst, const float* __restrict__ r, int d, int k, float* bestD, int* bestI) {
    for (long long qi = first_index(); qi < queries; qi += grid_stride()) {
        float kd[MAX_K];
        int ki[MAX_K];
        const float* a = q + qi * d;
        float* outD = bestD + (qFirst + qi) * k;
        int* outI = bestI + (qFirst + qi) * k;
        for (int t = 0; t < k; t++) {
            kd[t] = outD[t];
            ki[t] = outI[t];
        }
        long long self = qFirst + qi;
        for (int j0 = 0; j0 < refs; j0 += REF_TILE) {
            int tile = refs - j0 < REF_TILE ? refs - j0 : REF_TILE;
            float s[REF_TILE];
            for (int t = 0; t < REF_TILE; t++) {
                s[t] = 0.0f;
            }
            const float* b = r + (long long) j0 * d;
            if (tile == REF_TILE) {
                for (int c = 0; c < d; c++) {
                    float x = a[c];
                    for (int t = 0; t < REF_TILE; t++) {
                        float diff = x - b[(long long) t * d + c];
                        s[t] = fmaf(diff, diff, s[t]);
                    }
                }
            } else {
                for (int c = 0; c < d; c++) {
                    float x = a[c];
                    for (int t = 0; t < tile; t++) {
                        float diff = x - b[(long long) t * d + c];
                        s[t] = fmaf(diff, diff, s[t]);
                    }
                }
            }
            for (int t = 0; t < tile; t++) {
                long long gj = rFirst + j0 + t;
                int id = (int) gj;
                if (gj == self || !before(s[t], id, kd[k - 1], ki[k - 1])) {
                    continue;
                }
                int pos = k - 1;
                while (pos > 0 && before(s[t], id, kd[pos - 1], ki[pos - 1])) {
                    kd[pos] = kd[pos - 1];
                    ki[pos] = ki[pos - 1];
                    pos--;
                }
                kd[pos] = s[t];
                ki[pos] = id;
            }
        }
        for (int t = 0; t < k; t++) {
            outD[t] = kd[t];
            outI[t] = ki[t];
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// t-SNE. Positions y are n × dim floats, row-major. scalars (doubles): [0] Σ_i z_i from the interpolation
// (Z + n), [1] Σ p_ij log w_ij, [2 + a] Σ_i y_ia after the step.

// The smallest and largest coordinate over all axes, as ordered() values: lohi[0] = ~ordered(min),
// lohi[1] = ordered(max) (both found by atomicMax from zero).
extern "C" __global__ void tsne_bounds(long long count, const float* __restrict__ y, unsigned int* lohi) {
    unsigned int lo = 0;
    unsigned int hi = 0;
    for (long long c = first_index(); c < count; c += grid_stride()) {
        unsigned int o = ordered(y[c]);
        lo = ~o > lo ? ~o : lo;
        hi = o > hi ? o : hi;
    }
    lo = warp_max(lo);
    hi = warp_max(hi);
    if ((threadIdx.x & 31) == 0) {
        atomicMax(lohi, lo);
        atomicMax(lohi + 1, hi);
    }
}

// The Lagrange basis of p equispaced nodes (k + 1/2) / p on the unit box, at t ∈ [0, 1].
__device__ __forceinline__ void lagrange(int p, float t, float* w) {
    for (int k = 0; k < p; k++) {
        float nk = (k + 0.5f) / p;
        float v = 1.0f;
        for (int l = 0; l < p; l++) {
            if (l != k) {
                float nl = (l + 0.5f) / p;
                v *= (t - nl) / (nk - nl);
            }
        }
        w[k] = v;
    }
}

// Box index of a coordinate and its p interpolation weights.
__device__ __forceinline__ int locate(float v, float lo, float boxWidth, int boxes, int p, float* w) {
    float u = (v - lo) / boxWidth;
    int b = (int) u;
    b = b < 0 ? 0 : (b > boxes - 1 ? boxes - 1 : b);
    lagrange(p, u - b, w);
    return b;
}

// Node c of the p^dim nodes of a point's box (base: the box's first node per axis, w: the weights per axis):
// its grid cell, row-major, and its interpolation weight.
__device__ __forceinline__ double node(int c, int dim, int p, int N, const int* base, const float (*w)[MAX_P],
        long long* cell) {
    double weight = 1.0;
    long long at = 0;
    for (int a = 0; a < dim; a++) {
        int ka = c % p;
        c /= p;
        weight *= w[a][ka];
        at = at * N + base[a] + ka;
    }
    *cell = at;
    return weight;
}

// Spreads dim + 2 charges per point (1, y_1 … y_dim, ‖y‖²) onto an N^dim node grid with Lagrange weights.
// Charge c goes to complex grid c / 2, real part when c is even: grids holds ceil((dim + 2) / 2) complex
// grids of N^dim interleaved (re, im) doubles, zeroed by the caller. The grids and their FFTs are in double:
// a transform's rounding error is relative to the whole grid's norm, and the ‖y‖² charge makes potentials
// that cancel to a point's z_i; in float that cost 20 % of Z on a 3D layout 60 units wide.
extern "C" __global__ void tsne_spread(int n, int dim, int p, int boxes, float lo, float boxWidth, int N,
        const float* __restrict__ y, double* grids) {
    long long cells = 1;
    for (int a = 0; a < dim; a++) {
        cells *= N;
    }
    for (long long i = first_index(); i < n; i += grid_stride()) {
        float w[MAX_DIM][MAX_P];
        int base[MAX_DIM];
        double charge[MAX_DIM + 2];
        charge[0] = 1.0;
        double q = 0.0;
        for (int a = 0; a < dim; a++) {
            float v = y[i * dim + a];
            base[a] = locate(v, lo, boxWidth, boxes, p, w[a]) * p;
            charge[1 + a] = v;
            q += (double) v * v;
        }
        charge[dim + 1] = q;
        int combos = dim == 2 ? p * p : p * p * p;
        for (int c = 0; c < combos; c++) {
            long long cell;
            double weight = node(c, dim, p, N, base, w, &cell);
            for (int ch = 0; ch < dim + 2; ch++) {
                atomicAdd(grids + ((ch >> 1) * cells + cell) * 2 + (ch & 1), weight * charge[ch]);
            }
        }
    }
}

// The squared Cauchy kernel 1 / (1 + r²)² between nodes h apart, laid out for circular convolution on an
// N^dim grid (offsets beyond ±(m − 1) nodes are zero), as complex numbers with zero imaginary parts.
extern "C" __global__ void tsne_kernel_grid(int dim, int N, int m, double h, double* out) {
    long long cells = 1;
    for (int a = 0; a < dim; a++) {
        cells *= N;
    }
    for (long long c = first_index(); c < cells; c += grid_stride()) {
        long long rest = c;
        double r2 = 0.0;
        bool inside = true;
        for (int a = 0; a < dim; a++) {
            int u = (int) (rest % N);
            rest /= N;
            if (u >= m && u <= N - m) {
                inside = false;
            }
            double du = (u < m ? u : u - N) * h;
            r2 += du * du;
        }
        double k = 1.0 / (1.0 + r2);
        out[c * 2] = inside ? k * k : 0.0;
        out[c * 2 + 1] = 0.0;
    }
}

// One radix-2 Stockham stage (decimation in frequency, self-sorting) along one axis of a batch of
// row-major complex grids: for each line, with len the current sub-transform length and s = N / len,
//   dst[q + s·2p] = a + b,  dst[q + s·(2p + 1)] = (a − b)·exp(sign·2πi·p / len),
//   a = src[q + s·p], b = src[q + s·(p + len / 2)],  p < len / 2, q < s,
// where index e of a line is element base + e·axisStride. After log2 N stages the line is transformed in
// natural order. twiddles holds exp(−2πi·t / N) for t < N / 2 (the stage's factor is entry p·s; its
// conjugate for the inverse, sign = +1). lines = elements / N; consecutive threads take consecutive lines
// when the axis is not the contiguous one, so loads coalesce either way.
extern "C" __global__ void fft_stage(long long lines, int N, int len, long long axisStride, double sign,
        const double* __restrict__ twiddles, const double* __restrict__ src, double* dst) {
    int half = N / 2;
    int s = N / len;
    int m = len / 2;
    long long total = lines * half;
    for (long long t = first_index(); t < total; t += grid_stride()) {
        long long line;
        int r;
        if (axisStride == 1) {
            line = t / half;
            r = (int) (t % half);
        } else {
            line = t % lines;
            r = (int) (t / lines);
        }
        long long base = (line / axisStride) * axisStride * N + (line % axisStride);
        int pp = r / s;
        int q = r % s;
        long long ia = base + (long long) (q + s * pp) * axisStride;
        long long ib = base + (long long) (q + s * (pp + m)) * axisStride;
        long long o0 = base + (long long) (q + s * (2 * pp)) * axisStride;
        long long o1 = base + (long long) (q + s * (2 * pp + 1)) * axisStride;
        double ar = src[ia * 2];
        double ai = src[ia * 2 + 1];
        double br = src[ib * 2];
        double bi = src[ib * 2 + 1];
        double cs = twiddles[(long long) pp * s * 2];
        double sn = -sign * twiddles[(long long) pp * s * 2 + 1];
        double dr = ar - br;
        double di = ai - bi;
        dst[o0 * 2] = ar + br;
        dst[o0 * 2 + 1] = ai + bi;
        dst[o1 * 2] = dr * cs - di * sn;
        dst[o1 * 2 + 1] = dr * sn + di * cs;
    }
}

// grids[c] ·= scale · kernel[c mod cells] (the kernel's spectrum is real) over count complex values.
extern "C" __global__ void tsne_multiply(long long count, long long cells, double scale,
        const double* __restrict__ kernel, double* grids) {
    for (long long c = first_index(); c < count; c += grid_stride()) {
        double k = kernel[(c % cells) * 2] * scale;
        grids[c * 2] *= k;
        grids[c * 2 + 1] *= k;
    }
}

// Interpolates the dim + 2 potentials back to each point: rep_i = Σ_j w_ij² (y_i − y_j) and
// z_i = Σ_j w_ij (self included, so the caller subtracts n), z_i summed into scalars[0].
extern "C" __global__ void tsne_gather(int n, int dim, int p, int boxes, float lo, float boxWidth, int N,
        const float* __restrict__ y, const double* __restrict__ grids, float* rep, double* scalars) {
    long long cells = 1;
    for (int a = 0; a < dim; a++) {
        cells *= N;
    }
    double z = 0.0;
    for (long long i = first_index(); i < n; i += grid_stride()) {
        float w[MAX_DIM][MAX_P];
        int base[MAX_DIM];
        double phi[MAX_DIM + 2];
        for (int ch = 0; ch < dim + 2; ch++) {
            phi[ch] = 0.0;
        }
        for (int a = 0; a < dim; a++) {
            base[a] = locate(y[i * dim + a], lo, boxWidth, boxes, p, w[a]) * p;
        }
        int combos = dim == 2 ? p * p : p * p * p;
        for (int c = 0; c < combos; c++) {
            long long cell;
            double weight = node(c, dim, p, N, base, w, &cell);
            for (int ch = 0; ch < dim + 2; ch++) {
                phi[ch] += weight * grids[((ch >> 1) * cells + cell) * 2 + (ch & 1)];
            }
        }
        double q = 1.0;
        double cross = 0.0;
        for (int a = 0; a < dim; a++) {
            double v = y[i * dim + a];
            rep[i * dim + a] = (float) (v * phi[0] - phi[1 + a]);
            q += v * v;
            cross += v * phi[1 + a];
        }
        z += q * phi[0] - 2.0 * cross + phi[dim + 1];
    }
    add_to(scalars, z);
}

// attr_i = exaggeration · Σ_j p_ij w_ij (y_i − y_j) over row i of P (CSR); with withKl, Σ p_ij log w_ij
// into scalars[1].
extern "C" __global__ void tsne_attract(int n, int dim, const int* __restrict__ indptr,
        const int* __restrict__ indices, const float* __restrict__ values, const float* __restrict__ y,
        float exaggeration, int withKl, float* attr, double* scalars) {
    double logW = 0.0;
    for (long long i = first_index(); i < n; i += grid_stride()) {
        float yi[MAX_DIM];
        float f[MAX_DIM];
        for (int a = 0; a < dim; a++) {
            yi[a] = y[i * dim + a];
            f[a] = 0.0f;
        }
        for (int q = indptr[i]; q < indptr[i + 1]; q++) {
            long long j = indices[q];
            float d2 = 0.0f;
            float diff[MAX_DIM];
            for (int a = 0; a < dim; a++) {
                diff[a] = yi[a] - y[j * dim + a];
                d2 += diff[a] * diff[a];
            }
            float w = 1.0f / (1.0f + d2);
            float pw = values[q] * w;
            for (int a = 0; a < dim; a++) {
                f[a] += pw * diff[a];
            }
            if (withKl) {
                logW -= values[q] * log1p((double) d2);
            }
        }
        for (int a = 0; a < dim; a++) {
            attr[i * dim + a] = exaggeration * f[a];
        }
    }
    if (withKl) {
        add_to(scalars + 1, logW);
    }
}

// The gradient 4 (attr − rep / Z) with Z = scalars[0] − n, per-coordinate gains (Jacobs 1988), momentum,
// each point's step clipped to maxStep; the new positions' sums go to scalars[2 + a] for centring.
extern "C" __global__ void tsne_update(int n, int dim, const float* __restrict__ attr,
        const float* __restrict__ rep, float momentum, float learningRate, float maxStep, float* y,
        float* update, float* gains, double* scalars) {
    double invZ = 1.0 / (scalars[0] - n);
    double sums[MAX_DIM];
    for (int a = 0; a < MAX_DIM; a++) {
        sums[a] = 0.0;
    }
    for (long long i = first_index(); i < n; i += grid_stride()) {
        float u[MAX_DIM];
        float norm2 = 0.0f;
        for (int a = 0; a < dim; a++) {
            long long c = i * dim + a;
            float g = (float) (4.0 * (attr[c] - rep[c] * invZ));
            float old = update[c];
            float gain = (g > 0.0f) != (old > 0.0f) ? gains[c] + 0.2f : gains[c] * 0.8f;
            gain = gain < 0.01f ? 0.01f : gain;
            gains[c] = gain;
            u[a] = momentum * old - learningRate * gain * g;
            norm2 += u[a] * u[a];
        }
        float scale = norm2 > maxStep * maxStep ? maxStep / sqrtf(norm2) : 1.0f;
        for (int a = 0; a < dim; a++) {
            long long c = i * dim + a;
            update[c] = u[a] * scale;
            y[c] += update[c];
            sums[a] += y[c];
        }
    }
    for (int a = 0; a < dim; a++) {
        add_to(scalars + 2 + a, sums[a]);
    }
}

// Moves the embedding's mean to the origin.
extern "C" __global__ void tsne_center(int n, int dim, const double* __restrict__ scalars, float* y) {
    for (long long c = first_index(); c < (long long) n * dim; c += grid_stride()) {
        y[c] -= (float) (scalars[2 + c % dim] / n);
    }
}
