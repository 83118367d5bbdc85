/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * The CUDA built-ins Starmap's kernels use, for compiling them as host C++ in tests (the fake CUDA driver,
 * fake_cuda.c, runs them). Included first:
 *
 *   g++ -std=c++17 -DSTARMAP_EMULATION -include emu.h -x c++ kernels.cu
 *
 * The kernels are grid-stride loops without shared memory or barriers, their threads meeting only in
 * atomics, so one thread (threadIdx = blockIdx = 0, blockDim = gridDim = 1) doing every iteration gives
 * the GPU's result. The fake runs one launch at a time, so the atomics here are plain read-modify-writes.
 *
 * Left out on purpose, so that a kernel that needs them fails to compile rather than computing something
 * else: __shared__, __syncthreads and the warp functions (__shfl_*_sync, __ballot_sync): with a single
 * thread a warp reduction would add lanes that do not exist; kernels.cu has STARMAP_EMULATION versions.
 */
#ifndef STARMAP_EMU_H
#define STARMAP_EMU_H

#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

// ---- qualifiers (__restrict__ is already a GCC and Clang keyword) ----

#define __global__
#define __device__
#define __host__
#define __constant__
#define __forceinline__ inline
#define __launch_bounds__(...)

// ---- the thread's place: one thread does the whole grid ----

struct uint3 {
    unsigned int x, y, z;
};

struct dim3 {
    unsigned int x, y, z;
};

static const uint3 threadIdx = {0, 0, 0};
static const uint3 blockIdx = {0, 0, 0};
static const dim3 blockDim = {1, 1, 1};
static const dim3 gridDim = {1, 1, 1};
static const int warpSize = 32;

static inline void __syncwarp(unsigned int = 0xffffffffu) {
}

static inline void __threadfence() {
}

// ---- vector types (CUDA's alignment) ----

struct __attribute__((aligned(8))) float2 {
    float x, y;
};

struct __attribute__((aligned(16))) float4 {
    float x, y, z, w;
};

struct __attribute__((aligned(16))) double2 {
    double x, y;
};

struct __attribute__((aligned(8))) int2 {
    int x, y;
};

static inline float2 make_float2(float x, float y) {
    return {x, y};
}

static inline float4 make_float4(float x, float y, float z, float w) {
    return {x, y, z, w};
}

static inline double2 make_double2(double x, double y) {
    return {x, y};
}

static inline int2 make_int2(int x, int y) {
    return {x, y};
}

// ---- atomics: each returns the old value ----

static inline int atomicAdd(int* a, int v) {
    int old = *a;
    *a = (int) ((unsigned int) old + (unsigned int) v);
    return old;
}

static inline unsigned int atomicAdd(unsigned int* a, unsigned int v) {
    unsigned int old = *a;
    *a = old + v;
    return old;
}

static inline unsigned long long atomicAdd(unsigned long long* a, unsigned long long v) {
    unsigned long long old = *a;
    *a = old + v;
    return old;
}

static inline float atomicAdd(float* a, float v) {
    float old = *a;
    *a = old + v;
    return old;
}

static inline double atomicAdd(double* a, double v) {
    double old = *a;
    *a = old + v;
    return old;
}

static inline int atomicSub(int* a, int v) {
    int old = *a;
    *a = (int) ((unsigned int) old - (unsigned int) v);
    return old;
}

static inline unsigned int atomicSub(unsigned int* a, unsigned int v) {
    unsigned int old = *a;
    *a = old - v;
    return old;
}

template <typename T>
static inline T emu_atomic_max(T* a, T v) {
    T old = *a;
    *a = old < v ? v : old;
    return old;
}

template <typename T>
static inline T emu_atomic_min(T* a, T v) {
    T old = *a;
    *a = v < old ? v : old;
    return old;
}

static inline int atomicMax(int* a, int v) {
    return emu_atomic_max(a, v);
}

static inline unsigned int atomicMax(unsigned int* a, unsigned int v) {
    return emu_atomic_max(a, v);
}

static inline long long atomicMax(long long* a, long long v) {
    return emu_atomic_max(a, v);
}

static inline unsigned long long atomicMax(unsigned long long* a, unsigned long long v) {
    return emu_atomic_max(a, v);
}

static inline int atomicMin(int* a, int v) {
    return emu_atomic_min(a, v);
}

static inline unsigned int atomicMin(unsigned int* a, unsigned int v) {
    return emu_atomic_min(a, v);
}

static inline long long atomicMin(long long* a, long long v) {
    return emu_atomic_min(a, v);
}

static inline unsigned long long atomicMin(unsigned long long* a, unsigned long long v) {
    return emu_atomic_min(a, v);
}

template <typename T>
static inline T emu_atomic_cas(T* a, T compare, T v) {
    T old = *a;
    if (old == compare) {
        *a = v;
    }
    return old;
}

static inline int atomicCAS(int* a, int compare, int v) {
    return emu_atomic_cas(a, compare, v);
}

static inline unsigned int atomicCAS(unsigned int* a, unsigned int compare, unsigned int v) {
    return emu_atomic_cas(a, compare, v);
}

static inline unsigned long long atomicCAS(unsigned long long* a, unsigned long long compare, unsigned long long v) {
    return emu_atomic_cas(a, compare, v);
}

template <typename T>
static inline T emu_atomic_exch(T* a, T v) {
    T old = *a;
    *a = v;
    return old;
}

static inline int atomicExch(int* a, int v) {
    return emu_atomic_exch(a, v);
}

static inline unsigned int atomicExch(unsigned int* a, unsigned int v) {
    return emu_atomic_exch(a, v);
}

static inline unsigned long long atomicExch(unsigned long long* a, unsigned long long v) {
    return emu_atomic_exch(a, v);
}

static inline float atomicExch(float* a, float v) {
    return emu_atomic_exch(a, v);
}

static inline int atomicOr(int* a, int v) {
    int old = *a;
    *a = old | v;
    return old;
}

static inline unsigned int atomicOr(unsigned int* a, unsigned int v) {
    unsigned int old = *a;
    *a = old | v;
    return old;
}

static inline unsigned long long atomicOr(unsigned long long* a, unsigned long long v) {
    unsigned long long old = *a;
    *a = old | v;
    return old;
}

static inline int atomicAnd(int* a, int v) {
    int old = *a;
    *a = old & v;
    return old;
}

static inline unsigned int atomicAnd(unsigned int* a, unsigned int v) {
    unsigned int old = *a;
    *a = old & v;
    return old;
}

static inline unsigned long long atomicAnd(unsigned long long* a, unsigned long long v) {
    unsigned long long old = *a;
    *a = old & v;
    return old;
}

static inline unsigned int atomicInc(unsigned int* a, unsigned int v) {
    unsigned int old = *a;
    *a = old >= v ? 0 : old + 1;
    return old;
}

// ---- bit casts ----

static inline unsigned int __float_as_uint(float f) {
    unsigned int u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

static inline float __uint_as_float(unsigned int u) {
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
}

static inline int __float_as_int(float f) {
    int i;
    std::memcpy(&i, &f, sizeof i);
    return i;
}

static inline float __int_as_float(int i) {
    float f;
    std::memcpy(&f, &i, sizeof f);
    return f;
}

static inline long long __double_as_longlong(double d) {
    long long l;
    std::memcpy(&l, &d, sizeof l);
    return l;
}

static inline double __longlong_as_double(long long l) {
    double d;
    std::memcpy(&d, &l, sizeof d);
    return d;
}

// ---- bits ----

static inline int __popc(unsigned int x) {
    return __builtin_popcount(x);
}

static inline int __popcll(unsigned long long x) {
    return __builtin_popcountll(x);
}

static inline int __clz(int x) {
    return x == 0 ? 32 : __builtin_clz((unsigned int) x);
}

static inline int __clzll(long long x) {
    return x == 0 ? 64 : __builtin_clzll((unsigned long long) x);
}

static inline int __ffs(int x) {
    return __builtin_ffs(x);
}

static inline int __ffsll(long long x) {
    return __builtin_ffsll(x);
}

// ---- math: the intrinsics exactly, as the host library computes them ----
// glibc declares (without defining) __expf, __logf, ... itself, and C23 names rsqrt, so these are macros
// over functions of our own: nothing here clashes with a declaration in a C library header.

static inline float emu_rsqrtf(float x) {
    return 1.0f / std::sqrt(x);
}

static inline double emu_rsqrt(double x) {
    return 1.0 / std::sqrt(x);
}

template <typename T>
static inline void emu_sincospi(T x, T* s, T* c) {
    // sin(pi x) and cos(pi x) with x reduced to [-1, 1] first (exact), so that large x keep their
    // accuracy and integers give exact zeros and ones, as CUDA's sincospi does.
    double r = std::remainder((double) x, 2.0);
    if (r == std::trunc(r)) {
        *s = (T) std::copysign(0.0, (double) x);
        *c = (T) (r == 0 ? 1.0 : -1.0);
        return;
    }
    if (std::fabs(r) == 0.5) {
        *s = (T) (r > 0 ? 1.0 : -1.0);
        *c = (T) 0.0;
        return;
    }
    *s = (T) std::sin(M_PI * r);
    *c = (T) std::cos(M_PI * r);
}

static inline void emu_sincospif(float x, float* s, float* c) {
    emu_sincospi(x, s, c);
}

static inline void emu_sincospid(double x, double* s, double* c) {
    emu_sincospi(x, s, c);
}

static inline float emu_saturatef(float x) {
    return x > 0.0f ? (x < 1.0f ? x : 1.0f) : 0.0f;
}

#define rsqrtf emu_rsqrtf
#define rsqrt emu_rsqrt
#define sincospif emu_sincospif
#define sincospi emu_sincospid
#define __saturatef emu_saturatef
#define __fdividef(a, b) ((float) (a) / (float) (b))
#define __expf(x) expf(x)
#define __exp10f(x) exp10f(x)
#define __logf(x) logf(x)
#define __log2f(x) log2f(x)
#define __log10f(x) log10f(x)
#define __powf(x, y) powf(x, y)
#define __sinf(x) sinf(x)
#define __cosf(x) cosf(x)
#define __tanf(x) tanf(x)
#define __sincosf(x, s, c) sincosf(x, s, c)
#define __fadd_rn(a, b) ((float) (a) + (float) (b))
#define __fmul_rn(a, b) ((float) (a) * (float) (b))
#define __fmaf_rn(a, b, c) fmaf(a, b, c)
#define __frcp_rn(x) (1.0f / (float) (x))
#define __fsqrt_rn(x) sqrtf(x)
#define __dadd_rn(a, b) ((double) (a) + (double) (b))
#define __dmul_rn(a, b) ((double) (a) * (double) (b))
#define __fma_rn(a, b, c) fma(a, b, c)
#define __int2float_rn(i) ((float) (i))
#define __float2int_rz(x) ((int) (x))
#define __float2int_rn(x) ((int) rintf(x))
#define __float2int_rd(x) ((int) floorf(x))
#define __float2int_ru(x) ((int) ceilf(x))

using std::isfinite;
using std::isinf;
using std::isnan;
using std::signbit;

// CUDA's min and max: same types, signed with unsigned, float with double.

#define EMU_MIN_MAX(R, A, B) \
    static inline R min(A a, B b) { return (R) a < (R) b ? (R) a : (R) b; } \
    static inline R max(A a, B b) { return (R) a < (R) b ? (R) b : (R) a; }

EMU_MIN_MAX(int, int, int)
EMU_MIN_MAX(unsigned int, unsigned int, unsigned int)
EMU_MIN_MAX(unsigned int, int, unsigned int)
EMU_MIN_MAX(unsigned int, unsigned int, int)
EMU_MIN_MAX(long long, long long, long long)
EMU_MIN_MAX(unsigned long long, unsigned long long, unsigned long long)
EMU_MIN_MAX(unsigned long long, long long, unsigned long long)
EMU_MIN_MAX(unsigned long long, unsigned long long, long long)

#undef EMU_MIN_MAX

// Floating point min and max are fminf and fmaxf (a NaN loses), as in CUDA.

#define EMU_FMIN_FMAX(R, A, B) \
    static inline R min(A a, B b) { return std::fmin((R) a, (R) b); } \
    static inline R max(A a, B b) { return std::fmax((R) a, (R) b); }

EMU_FMIN_FMAX(float, float, float)
EMU_FMIN_FMAX(double, double, double)
EMU_FMIN_FMAX(double, float, double)
EMU_FMIN_FMAX(double, double, float)

#undef EMU_FMIN_FMAX

// ---- loads ----

template <typename T>
static inline T __ldg(const T* p) {
    return *p;
}

#endif
