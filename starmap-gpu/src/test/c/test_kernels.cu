/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
// Kernels for the fake CUDA driver's own tests (CudaDriverTest, FakeCudaTest), written to the rules of
// kernels.cu: extern "C", grid-stride loops, threads meeting only in atomics.

// y = a x + y
extern "C" __global__ void saxpy(int n, float a, const float* __restrict__ x, float* y) {
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < n;
            i += (long long) blockDim.x * gridDim.x) {
        y[i] = a * x[i] + y[i];
    }
}

/* Adds up x into sum[0], counts the elements into count[0] and keeps the largest bit pattern of
   the non-negative floats in max[0]: a declaration over several lines, with __launch_bounds__. */
extern "C" __global__ void __launch_bounds__(256)
sum(long long n,
    const float* const __restrict__ x,   // top-level const after the star
    float* sum, unsigned long long* count,
    unsigned int* max) {
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < n;
            i += (long long) blockDim.x * gridDim.x) {
        atomicAdd(sum, x[i]);
        atomicAdd(count, 1ULL);
        atomicMax(max, __float_as_uint(fmaxf(x[i], 0.0f)));
    }
}

// out[i] = (sin(pi x), cos(pi x), 1 / sqrt(x)) for i < n, and a double sum: the math built-ins.
extern "C" __global__ void math(const int n, const double* x, double* out, double* total) {
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < n;
            i += (long long) blockDim.x * gridDim.x) {
        double s, c;
        sincospi(x[i], &s, &c);
        out[3 * i] = s;
        out[3 * i + 1] = c;
        out[3 * i + 2] = rsqrt(x[i]);
        atomicAdd(total, __ldg(&x[i]));
    }
}

// No parameters: launched with kernelParams NULL.
extern "C" __global__ void nothing() {
}
