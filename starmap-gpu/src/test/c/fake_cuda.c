/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * A fake CUDA driver for tests on machines without a GPU: the driver API functions CudaDriver binds, with
 * cuda.h's C signatures, working on the host.
 *
 *   gcc -O2 -shared -fPIC -o libfakecuda.so fake_cuda.c -ldl
 *
 * - Device memory is host memory (a CUdeviceptr is the address), 256-byte aligned and, as the real
 *   driver's contents are undefined, filled with 0xFF bytes (a NaN in every float and double, -1 in every
 *   int) so that a missing memset shows. Copies and memsets must stay inside one live allocation.
 * - cuModuleLoadData ignores the image and dlopens the kernel library named by fake_cuda_configure, built
 *   from the kernel sources by FakeCuda.java; cuModuleGetFunction(NAME) is its emu_NAME(void** params),
 *   which cuLaunchKernel calls once: the kernels are grid-stride loops that one host thread runs whole.
 *   (emuparams_NAME(), when the library has it, says how many parameters NAME takes, so that a launch
 *   with NULL kernelParams fails with CUDA_ERROR_INVALID_VALUE, not a crash, unless there are none.)
 *   Launches, copies and memsets run one at a time (the default stream's order), synchronously.
 * - As with the real driver, everything but cuDriverGetVersion and cuGetError* needs a successful cuInit,
 *   and memory, modules, events and launches need the device's retained primary context current on the
 *   calling thread (CUDA_ERROR_INVALID_CONTEXT otherwise).
 * - The fake_cuda_* functions at the end are for tests: they set the fake's behaviour and count what is
 *   live, so that a test can check that the code under test frees everything.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef struct CUctx_st* CUcontext;
typedef struct CUmod_st* CUmodule;
typedef struct CUfunc_st* CUfunction;
typedef struct CUevent_st* CUevent;
typedef struct CUstream_st* CUstream;

enum {
    CUDA_SUCCESS = 0,
    CUDA_ERROR_INVALID_VALUE = 1,
    CUDA_ERROR_OUT_OF_MEMORY = 2,
    CUDA_ERROR_NOT_INITIALIZED = 3,
    CUDA_ERROR_INVALID_DEVICE = 101,
    CUDA_ERROR_INVALID_IMAGE = 200,
    CUDA_ERROR_INVALID_CONTEXT = 201,
    CUDA_ERROR_INVALID_HANDLE = 400,
    CUDA_ERROR_NOT_FOUND = 500,
    CUDA_ERROR_CONTEXT_IS_DESTROYED = 709,
};

#define MAX_DEVICES 16
#define ALIGNMENT 256
#define MAX_THREADS_PER_BLOCK 1024
#define MAX_SHARED_MEMORY_PER_BLOCK 49152
#define CU_EVENT_DISABLE_TIMING 0x2

struct CUctx_st {
    int device;
};

struct CUfunc_st {
    void (*entry)(void**);
    int params; /* how many the kernel takes, -1 when unknown */
    struct CUfunc_st* next;
    char name[];
};

struct CUmod_st {
    void* library;
    struct CUfunc_st* functions;
    struct CUmod_st* next;
};

struct CUevent_st {
    struct timespec time;
    int recorded;
    unsigned int flags;
    struct CUevent_st* next;
};

struct allocation {
    uintptr_t base;
    size_t size;
    struct allocation* next;
};

/* One lock for all of the state, held through copies and launches too. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Set by fake_cuda_configure. */
static char* kernel_library;
static int init_result;
static int device_count = 1;
static unsigned long long memory_bytes = 1ULL << 34;
static int module_load_result;

static int initialized;
static struct CUctx_st contexts[MAX_DEVICES];
static int retains[MAX_DEVICES];
static __thread CUcontext current;

static struct allocation* allocations;
static unsigned long long live_bytes;
static int live_allocations;
static struct CUmod_st* modules;
static int live_modules;
static struct CUevent_st* events;
static int live_events;
static long long launches;

/* ---- helpers, called with the lock held ---- */

static CUresult need_init(void) {
    return initialized ? CUDA_SUCCESS : CUDA_ERROR_NOT_INITIALIZED;
}

static CUresult need_device(CUdevice dev) {
    CUresult r = need_init();
    if (r != CUDA_SUCCESS) {
        return r;
    }
    return dev >= 0 && dev < device_count ? CUDA_SUCCESS : CUDA_ERROR_INVALID_DEVICE;
}

static CUresult need_context(void) {
    CUresult r = need_init();
    if (r != CUDA_SUCCESS) {
        return r;
    }
    if (current == NULL) {
        return CUDA_ERROR_INVALID_CONTEXT;
    }
    return retains[current->device] > 0 ? CUDA_SUCCESS : CUDA_ERROR_CONTEXT_IS_DESTROYED;
}

/* Whether [p, p + n) lies in one live allocation (an empty range always does). */
static int in_allocation(CUdeviceptr p, size_t n) {
    if (n == 0) {
        return 1;
    }
    for (struct allocation* a = allocations; a != NULL; a = a->next) {
        if (p >= a->base && p - a->base < a->size) {
            return n <= a->size - (p - a->base);
        }
    }
    return 0;
}

static struct CUmod_st* find_module(CUmodule m) {
    for (struct CUmod_st* x = modules; x != NULL; x = x->next) {
        if (x == m) {
            return x;
        }
    }
    return NULL;
}

static struct CUfunc_st* find_function(CUfunction f) {
    for (struct CUmod_st* m = modules; m != NULL; m = m->next) {
        for (struct CUfunc_st* x = m->functions; x != NULL; x = x->next) {
            if (x == f) {
                return x;
            }
        }
    }
    return NULL;
}

static struct CUevent_st* find_event(CUevent e) {
    for (struct CUevent_st* x = events; x != NULL; x = x->next) {
        if (x == e) {
            return x;
        }
    }
    return NULL;
}

#define LOCKED(expr)                  \
    do {                              \
        pthread_mutex_lock(&lock);    \
        CUresult r_ = (expr);         \
        pthread_mutex_unlock(&lock);  \
        return r_;                    \
    } while (0)

/* ---- errors ---- */

struct error {
    int code;
    const char* name;
    const char* description;
};

static const struct error ERRORS[] = {
    {0, "CUDA_SUCCESS", "no error"},
    {1, "CUDA_ERROR_INVALID_VALUE", "invalid argument"},
    {2, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory"},
    {3, "CUDA_ERROR_NOT_INITIALIZED", "initialization error"},
    {4, "CUDA_ERROR_DEINITIALIZED", "driver shutting down"},
    {34, "CUDA_ERROR_STUB_LIBRARY", "CUDA driver is a stub library"},
    {35, "CUDA_ERROR_INSUFFICIENT_DRIVER", "CUDA driver version is insufficient for CUDA runtime version"},
    {46, "CUDA_ERROR_DEVICE_UNAVAILABLE", "CUDA-capable device(s) is/are busy or unavailable"},
    {100, "CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected"},
    {101, "CUDA_ERROR_INVALID_DEVICE", "invalid device ordinal"},
    {200, "CUDA_ERROR_INVALID_IMAGE", "device kernel image is invalid"},
    {201, "CUDA_ERROR_INVALID_CONTEXT", "invalid device context"},
    {209, "CUDA_ERROR_NO_BINARY_FOR_GPU", "no kernel image is available for execution on the device"},
    {218, "CUDA_ERROR_INVALID_PTX", "a PTX JIT compilation failed"},
    {221, "CUDA_ERROR_JIT_COMPILER_NOT_FOUND", "PTX JIT compiler library not found"},
    {222, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION", "the provided PTX was compiled with an unsupported toolchain."},
    {400, "CUDA_ERROR_INVALID_HANDLE", "invalid resource handle"},
    {500, "CUDA_ERROR_NOT_FOUND", "named symbol not found"},
    {600, "CUDA_ERROR_NOT_READY", "device not ready"},
    {700, "CUDA_ERROR_ILLEGAL_ADDRESS", "an illegal memory access was encountered"},
    {701, "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES", "too many resources requested for launch"},
    {709, "CUDA_ERROR_CONTEXT_IS_DESTROYED", "context is destroyed"},
    {719, "CUDA_ERROR_LAUNCH_FAILED", "unspecified launch failure"},
    {801, "CUDA_ERROR_NOT_SUPPORTED", "operation not supported"},
    {999, "CUDA_ERROR_UNKNOWN", "unknown error"},
};

static const struct error* find_error(CUresult code) {
    for (size_t i = 0; i < sizeof ERRORS / sizeof ERRORS[0]; i++) {
        if (ERRORS[i].code == code) {
            return &ERRORS[i];
        }
    }
    return NULL;
}

/* Like the real driver: CUDA_ERROR_INVALID_VALUE for a code it does not know, *pStr left as it was. */
CUresult cuGetErrorName(CUresult error, const char** pStr) {
    const struct error* e = find_error(error);
    if (e == NULL || pStr == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    *pStr = e->name;
    return CUDA_SUCCESS;
}

CUresult cuGetErrorString(CUresult error, const char** pStr) {
    const struct error* e = find_error(error);
    if (e == NULL || pStr == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    *pStr = e->description;
    return CUDA_SUCCESS;
}

/* ---- initialisation and devices ---- */

static CUresult init(unsigned int flags) {
    if (flags != 0) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    if (init_result != CUDA_SUCCESS) {
        return init_result;
    }
    initialized = 1;
    return CUDA_SUCCESS;
}

CUresult cuInit(unsigned int Flags) {
    LOCKED(init(Flags));
}

CUresult cuDriverGetVersion(int* driverVersion) {
    if (driverVersion == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    *driverVersion = 13000;
    return CUDA_SUCCESS;
}

static CUresult device_get_count(int* count) {
    CUresult r = need_init();
    if (r == CUDA_SUCCESS && count == NULL) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS) {
        *count = device_count;
    }
    return r;
}

CUresult cuDeviceGetCount(int* count) {
    LOCKED(device_get_count(count));
}

static CUresult device_get(CUdevice* device, int ordinal) {
    CUresult r = need_init();
    if (r == CUDA_SUCCESS && device == NULL) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS) {
        r = need_device(ordinal);
    }
    if (r == CUDA_SUCCESS) {
        *device = ordinal;
    }
    return r;
}

CUresult cuDeviceGet(CUdevice* device, int ordinal) {
    LOCKED(device_get(device, ordinal));
}

static CUresult device_get_name(char* name, int len, CUdevice dev) {
    CUresult r = need_device(dev);
    if (r == CUDA_SUCCESS && (name == NULL || len <= 0)) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS) {
        snprintf(name, (size_t) len, "%s", "Starmap fake CUDA device");
    }
    return r;
}

CUresult cuDeviceGetName(char* name, int len, CUdevice dev) {
    LOCKED(device_get_name(name, len, dev));
}

/* An H100's values for the attributes a program asks about; 0 for the others. */
static int attribute_value(int attrib) {
    switch (attrib) {
        case 1: return MAX_THREADS_PER_BLOCK;       /* MAX_THREADS_PER_BLOCK */
        case 2: return 1024;                        /* MAX_BLOCK_DIM_X */
        case 3: return 1024;                        /* MAX_BLOCK_DIM_Y */
        case 4: return 64;                          /* MAX_BLOCK_DIM_Z */
        case 5: return 2147483647;                  /* MAX_GRID_DIM_X */
        case 6: return 65535;                       /* MAX_GRID_DIM_Y */
        case 7: return 65535;                       /* MAX_GRID_DIM_Z */
        case 8: return MAX_SHARED_MEMORY_PER_BLOCK; /* MAX_SHARED_MEMORY_PER_BLOCK */
        case 10: return 32;                         /* WARP_SIZE */
        case 12: return 65536;                      /* MAX_REGISTERS_PER_BLOCK */
        case 16: return 132;                        /* MULTIPROCESSOR_COUNT */
        case 39: return 2048;                       /* MAX_THREADS_PER_MULTIPROCESSOR */
        case 41: return 1;                          /* UNIFIED_ADDRESSING */
        case 75: return 9;                          /* COMPUTE_CAPABILITY_MAJOR */
        case 76: return 0;                          /* COMPUTE_CAPABILITY_MINOR */
        default: return 0;
    }
}

static CUresult device_get_attribute(int* pi, int attrib, CUdevice dev) {
    CUresult r = need_device(dev);
    if (r == CUDA_SUCCESS && (pi == NULL || attrib <= 0 || attrib >= 256)) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS) {
        *pi = attribute_value(attrib);
    }
    return r;
}

/* The attribute is a CUdevice_attribute, an enum, in cuda.h: an int. */
CUresult cuDeviceGetAttribute(int* pi, int attrib, CUdevice dev) {
    LOCKED(device_get_attribute(pi, attrib, dev));
}

static CUresult device_total_mem(size_t* bytes, CUdevice dev) {
    CUresult r = need_device(dev);
    if (r == CUDA_SUCCESS && bytes == NULL) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS) {
        *bytes = memory_bytes;
    }
    return r;
}

CUresult cuDeviceTotalMem_v2(size_t* bytes, CUdevice dev) {
    LOCKED(device_total_mem(bytes, dev));
}

static CUresult primary_ctx_retain(CUcontext* pctx, CUdevice dev) {
    CUresult r = need_device(dev);
    if (r == CUDA_SUCCESS && pctx == NULL) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS) {
        retains[dev]++;
        contexts[dev].device = dev;
        *pctx = &contexts[dev];
    }
    return r;
}

CUresult cuDevicePrimaryCtxRetain(CUcontext* pctx, CUdevice dev) {
    LOCKED(primary_ctx_retain(pctx, dev));
}

/* The last release does not free what the context still holds (the real driver does), so that a test
   still sees it in fake_cuda_live_bytes. */
static CUresult primary_ctx_release(CUdevice dev) {
    CUresult r = need_device(dev);
    if (r == CUDA_SUCCESS && retains[dev] == 0) {
        r = CUDA_ERROR_INVALID_CONTEXT;
    }
    if (r == CUDA_SUCCESS) {
        retains[dev]--;
    }
    return r;
}

CUresult cuDevicePrimaryCtxRelease_v2(CUdevice dev) {
    LOCKED(primary_ctx_release(dev));
}

static CUresult ctx_set_current(CUcontext ctx) {
    CUresult r = need_init();
    int known = ctx == NULL;
    for (int i = 0; i < device_count; i++) {
        known |= ctx == &contexts[i];
    }
    if (r == CUDA_SUCCESS && !known) {
        r = CUDA_ERROR_INVALID_CONTEXT;
    }
    if (r == CUDA_SUCCESS) {
        current = ctx;
    }
    return r;
}

CUresult cuCtxSetCurrent(CUcontext ctx) {
    LOCKED(ctx_set_current(ctx));
}

CUresult cuCtxSynchronize(void) {
    LOCKED(need_context());
}

/* ---- memory ---- */

static CUresult mem_get_info(size_t* free, size_t* total) {
    CUresult r = need_context();
    if (r == CUDA_SUCCESS && (free == NULL || total == NULL)) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS) {
        *free = memory_bytes - live_bytes;
        *total = memory_bytes;
    }
    return r;
}

CUresult cuMemGetInfo_v2(size_t* free, size_t* total) {
    LOCKED(mem_get_info(free, total));
}

static CUresult mem_alloc(CUdeviceptr* dptr, size_t bytesize) {
    CUresult r = need_context();
    if (r != CUDA_SUCCESS) {
        return r;
    }
    if (dptr == NULL || bytesize == 0) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    if (bytesize > memory_bytes - live_bytes) {
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    struct allocation* a = malloc(sizeof *a);
    void* p = NULL;
    if (a == NULL || bytesize > SIZE_MAX - ALIGNMENT
            || posix_memalign(&p, ALIGNMENT, (bytesize + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT) != 0) {
        free(a);
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    memset(p, 0xFF, bytesize);
    a->base = (uintptr_t) p;
    a->size = bytesize;
    a->next = allocations;
    allocations = a;
    live_bytes += bytesize;
    live_allocations++;
    *dptr = (CUdeviceptr) a->base;
    return CUDA_SUCCESS;
}

CUresult cuMemAlloc_v2(CUdeviceptr* dptr, size_t bytesize) {
    LOCKED(mem_alloc(dptr, bytesize));
}

static CUresult mem_free(CUdeviceptr dptr) {
    CUresult r = need_context();
    if (r != CUDA_SUCCESS) {
        return r;
    }
    for (struct allocation** p = &allocations; *p != NULL; p = &(*p)->next) {
        struct allocation* a = *p;
        if (a->base == dptr) {
            *p = a->next;
            live_bytes -= a->size;
            live_allocations--;
            free((void*) a->base);
            free(a);
            return CUDA_SUCCESS;
        }
    }
    return CUDA_ERROR_INVALID_VALUE;
}

CUresult cuMemFree_v2(CUdeviceptr dptr) {
    LOCKED(mem_free(dptr));
}

static CUresult memcpy_h_to_d(CUdeviceptr dst, const void* src, size_t n) {
    CUresult r = need_context();
    if (r == CUDA_SUCCESS && n > 0 && (src == NULL || !in_allocation(dst, n))) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS && n > 0) {
        memcpy((void*) (uintptr_t) dst, src, n);
    }
    return r;
}

CUresult cuMemcpyHtoD_v2(CUdeviceptr dstDevice, const void* srcHost, size_t ByteCount) {
    LOCKED(memcpy_h_to_d(dstDevice, srcHost, ByteCount));
}

static CUresult memcpy_d_to_h(void* dst, CUdeviceptr src, size_t n) {
    CUresult r = need_context();
    if (r == CUDA_SUCCESS && n > 0 && (dst == NULL || !in_allocation(src, n))) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS && n > 0) {
        memcpy(dst, (const void*) (uintptr_t) src, n);
    }
    return r;
}

CUresult cuMemcpyDtoH_v2(void* dstHost, CUdeviceptr srcDevice, size_t ByteCount) {
    LOCKED(memcpy_d_to_h(dstHost, srcDevice, ByteCount));
}

static CUresult memcpy_d_to_d(CUdeviceptr dst, CUdeviceptr src, size_t n) {
    CUresult r = need_context();
    if (r == CUDA_SUCCESS && (!in_allocation(dst, n) || !in_allocation(src, n))) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS && n > 0) {
        memmove((void*) (uintptr_t) dst, (const void*) (uintptr_t) src, n);
    }
    return r;
}

CUresult cuMemcpyDtoD_v2(CUdeviceptr dstDevice, CUdeviceptr srcDevice, size_t ByteCount) {
    LOCKED(memcpy_d_to_d(dstDevice, srcDevice, ByteCount));
}

static CUresult memset_d8(CUdeviceptr dst, unsigned char uc, size_t n) {
    CUresult r = need_context();
    if (r == CUDA_SUCCESS && !in_allocation(dst, n)) {
        r = CUDA_ERROR_INVALID_VALUE;
    }
    if (r == CUDA_SUCCESS && n > 0) {
        memset((void*) (uintptr_t) dst, uc, n);
    }
    return r;
}

CUresult cuMemsetD8_v2(CUdeviceptr dstDevice, unsigned char uc, size_t N) {
    LOCKED(memset_d8(dstDevice, uc, N));
}

/* ---- modules and launches ---- */

static CUresult module_load_data(CUmodule* module, const void* image) {
    CUresult r = need_context();
    if (r != CUDA_SUCCESS) {
        return r;
    }
    if (module == NULL || image == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    if (module_load_result > 0) {
        return module_load_result;
    }
    if (module_load_result < 0) { /* rejects this load only */
        CUresult once = -module_load_result;
        module_load_result = CUDA_SUCCESS;
        return once;
    }
    if (kernel_library == NULL) {
        fprintf(stderr, "fake_cuda: cuModuleLoadData: no kernel library (call fake_cuda_configure)\n");
        return CUDA_ERROR_INVALID_IMAGE;
    }
    struct CUmod_st* m = calloc(1, sizeof *m);
    if (m == NULL) {
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    m->library = dlopen(kernel_library, RTLD_NOW | RTLD_LOCAL);
    if (m->library == NULL) {
        fprintf(stderr, "fake_cuda: cuModuleLoadData: %s\n", dlerror());
        free(m);
        return CUDA_ERROR_INVALID_IMAGE;
    }
    m->next = modules;
    modules = m;
    live_modules++;
    *module = m;
    return CUDA_SUCCESS;
}

CUresult cuModuleLoadData(CUmodule* module, const void* image) {
    LOCKED(module_load_data(module, image));
}

static CUresult module_get_function(CUfunction* hfunc, CUmodule hmod, const char* name) {
    CUresult r = need_context();
    if (r != CUDA_SUCCESS) {
        return r;
    }
    if (hfunc == NULL || name == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    struct CUmod_st* m = find_module(hmod);
    if (m == NULL) {
        return CUDA_ERROR_INVALID_HANDLE;
    }
    for (struct CUfunc_st* f = m->functions; f != NULL; f = f->next) {
        if (strcmp(f->name, name) == 0) {
            *hfunc = f;
            return CUDA_SUCCESS;
        }
    }
    size_t length = strlen(name);
    struct CUfunc_st* f = malloc(sizeof *f + length + 1);
    char* symbol = malloc(length + 16);
    if (f == NULL || symbol == NULL) {
        free(f);
        free(symbol);
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    sprintf(symbol, "emu_%s", name);
    void* entry = dlsym(m->library, symbol);
    sprintf(symbol, "emuparams_%s", name);
    int (*params)(void) = (int (*)(void)) dlsym(m->library, symbol);
    free(symbol);
    if (entry == NULL) {
        free(f);
        return CUDA_ERROR_NOT_FOUND;
    }
    f->entry = (void (*)(void**)) entry;
    f->params = params != NULL ? params() : -1;
    memcpy(f->name, name, length + 1);
    f->next = m->functions;
    m->functions = f;
    *hfunc = f;
    return CUDA_SUCCESS;
}

CUresult cuModuleGetFunction(CUfunction* hfunc, CUmodule hmod, const char* name) {
    LOCKED(module_get_function(hfunc, hmod, name));
}

static CUresult module_unload(CUmodule hmod) {
    CUresult r = need_init();
    if (r != CUDA_SUCCESS) {
        return r;
    }
    for (struct CUmod_st** p = &modules; *p != NULL; p = &(*p)->next) {
        struct CUmod_st* m = *p;
        if (m == hmod) {
            *p = m->next;
            while (m->functions != NULL) {
                struct CUfunc_st* f = m->functions;
                m->functions = f->next;
                free(f);
            }
            dlclose(m->library);
            free(m);
            live_modules--;
            return CUDA_SUCCESS;
        }
    }
    return CUDA_ERROR_INVALID_HANDLE;
}

CUresult cuModuleUnload(CUmodule hmod) {
    LOCKED(module_unload(hmod));
}

static CUresult launch_kernel(CUfunction f, unsigned int gridDimX, unsigned int gridDimY, unsigned int gridDimZ,
        unsigned int blockDimX, unsigned int blockDimY, unsigned int blockDimZ, unsigned int sharedMemBytes,
        void** kernelParams, void** extra) {
    CUresult r = need_context();
    if (r != CUDA_SUCCESS) {
        return r;
    }
    struct CUfunc_st* fn = find_function(f);
    if (fn == NULL) {
        return CUDA_ERROR_INVALID_HANDLE;
    }
    unsigned long long threads = (unsigned long long) blockDimX * blockDimY * blockDimZ;
    if (gridDimX == 0 || gridDimY == 0 || gridDimZ == 0 || blockDimX == 0 || blockDimY == 0 || blockDimZ == 0
            || gridDimX > 2147483647u || gridDimY > 65535 || gridDimZ > 65535 || blockDimZ > 64
            || threads > MAX_THREADS_PER_BLOCK || sharedMemBytes > MAX_SHARED_MEMORY_PER_BLOCK) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    if (extra != NULL) {
        fprintf(stderr, "fake_cuda: cuLaunchKernel: the fake takes kernelParams, not extra\n");
        return CUDA_ERROR_INVALID_VALUE;
    }
    if (kernelParams == NULL && fn->params != 0) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    launches++;
    fn->entry(kernelParams);
    return CUDA_SUCCESS;
}

CUresult cuLaunchKernel(CUfunction f, unsigned int gridDimX, unsigned int gridDimY, unsigned int gridDimZ,
        unsigned int blockDimX, unsigned int blockDimY, unsigned int blockDimZ, unsigned int sharedMemBytes,
        CUstream hStream, void** kernelParams, void** extra) {
    (void) hStream;
    LOCKED(launch_kernel(f, gridDimX, gridDimY, gridDimZ, blockDimX, blockDimY, blockDimZ, sharedMemBytes,
            kernelParams, extra));
}

/* ---- events ---- */

static CUresult event_create(CUevent* phEvent, unsigned int flags) {
    CUresult r = need_context();
    if (r != CUDA_SUCCESS) {
        return r;
    }
    if (phEvent == NULL || (flags & ~0xFu) != 0) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    struct CUevent_st* e = calloc(1, sizeof *e);
    if (e == NULL) {
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    e->flags = flags;
    e->next = events;
    events = e;
    live_events++;
    *phEvent = e;
    return CUDA_SUCCESS;
}

CUresult cuEventCreate(CUevent* phEvent, unsigned int Flags) {
    LOCKED(event_create(phEvent, Flags));
}

static CUresult event_record(CUevent hEvent) {
    CUresult r = need_init();
    if (r != CUDA_SUCCESS) {
        return r;
    }
    struct CUevent_st* e = find_event(hEvent);
    if (e == NULL) {
        return CUDA_ERROR_INVALID_HANDLE;
    }
    clock_gettime(CLOCK_MONOTONIC, &e->time);
    e->recorded = 1;
    return CUDA_SUCCESS;
}

CUresult cuEventRecord(CUevent hEvent, CUstream hStream) {
    (void) hStream;
    LOCKED(event_record(hEvent));
}

static CUresult event_synchronize(CUevent hEvent) {
    CUresult r = need_init();
    if (r == CUDA_SUCCESS && find_event(hEvent) == NULL) {
        r = CUDA_ERROR_INVALID_HANDLE;
    }
    return r;
}

CUresult cuEventSynchronize(CUevent hEvent) {
    LOCKED(event_synchronize(hEvent));
}

static CUresult event_elapsed_time(float* ms, CUevent hStart, CUevent hEnd) {
    CUresult r = need_init();
    if (r != CUDA_SUCCESS) {
        return r;
    }
    if (ms == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    struct CUevent_st* start = find_event(hStart);
    struct CUevent_st* end = find_event(hEnd);
    if (start == NULL || end == NULL || !start->recorded || !end->recorded
            || ((start->flags | end->flags) & CU_EVENT_DISABLE_TIMING) != 0) {
        return CUDA_ERROR_INVALID_HANDLE;
    }
    *ms = (float) ((double) (end->time.tv_sec - start->time.tv_sec) * 1e3
            + (double) (end->time.tv_nsec - start->time.tv_nsec) / 1e6);
    return CUDA_SUCCESS;
}

CUresult cuEventElapsedTime(float* pMilliseconds, CUevent hStart, CUevent hEnd) {
    LOCKED(event_elapsed_time(pMilliseconds, hStart, hEnd));
}

static CUresult event_destroy(CUevent hEvent) {
    CUresult r = need_init();
    if (r != CUDA_SUCCESS) {
        return r;
    }
    for (struct CUevent_st** p = &events; *p != NULL; p = &(*p)->next) {
        struct CUevent_st* e = *p;
        if (e == hEvent) {
            *p = e->next;
            free(e);
            live_events--;
            return CUDA_SUCCESS;
        }
    }
    return CUDA_ERROR_INVALID_HANDLE;
}

CUresult cuEventDestroy_v2(CUevent hEvent) {
    LOCKED(event_destroy(hEvent));
}

/* ---- for tests ---- */

/*
 * Sets the fake's behaviour and starts it afresh: cuInit returns initResult (CUDA_SUCCESS, or e.g.
 * CUDA_ERROR_NO_DEVICE); cuDeviceGetCount gives deviceCount (at most 16); the device has memoryBytes
 * bytes (cuMemAlloc_v2 fails with CUDA_ERROR_OUT_OF_MEMORY beyond them); cuModuleLoadData returns
 * moduleLoadResult when it is positive, -moduleLoadResult once when it is negative (the next load
 * succeeds), and otherwise loads kernelLibrary. The driver is
 * uninitialised again, no context is retained or current on the calling thread and the counts are zero:
 * what is still allocated is forgotten, not freed, so that a stale pointer cannot corrupt the heap.
 */
void fake_cuda_configure(const char* kernelLibrary, int initResult, int deviceCount, long long memoryBytes,
        int moduleLoadResult) {
    pthread_mutex_lock(&lock);
    free(kernel_library);
    kernel_library = kernelLibrary != NULL ? strdup(kernelLibrary) : NULL;
    init_result = initResult;
    device_count = deviceCount < 0 ? 0 : deviceCount > MAX_DEVICES ? MAX_DEVICES : deviceCount;
    memory_bytes = memoryBytes < 0 ? 0 : (unsigned long long) memoryBytes;
    module_load_result = moduleLoadResult;
    initialized = 0;
    memset(retains, 0, sizeof retains);
    current = NULL;
    allocations = NULL;
    live_bytes = 0;
    live_allocations = 0;
    modules = NULL;
    live_modules = 0;
    events = NULL;
    live_events = 0;
    launches = 0;
    pthread_mutex_unlock(&lock);
}

/* Bytes allocated with cuMemAlloc_v2 and not freed. */
long long fake_cuda_live_bytes(void) {
    pthread_mutex_lock(&lock);
    long long n = (long long) live_bytes;
    pthread_mutex_unlock(&lock);
    return n;
}

/* Allocations not freed. */
int fake_cuda_live_allocations(void) {
    pthread_mutex_lock(&lock);
    int n = live_allocations;
    pthread_mutex_unlock(&lock);
    return n;
}

/* Successful cuLaunchKernel calls. */
long long fake_cuda_launches(void) {
    pthread_mutex_lock(&lock);
    long long n = launches;
    pthread_mutex_unlock(&lock);
    return n;
}

/* Modules loaded and not unloaded. */
int fake_cuda_live_modules(void) {
    pthread_mutex_lock(&lock);
    int n = live_modules;
    pthread_mutex_unlock(&lock);
    return n;
}

/* Events created and not destroyed. */
int fake_cuda_live_events(void) {
    pthread_mutex_lock(&lock);
    int n = live_events;
    pthread_mutex_unlock(&lock);
    return n;
}

/* Primary context retains not released, over all devices. */
int fake_cuda_retained_contexts(void) {
    pthread_mutex_lock(&lock);
    int n = 0;
    for (int i = 0; i < MAX_DEVICES; i++) {
        n += retains[i];
    }
    pthread_mutex_unlock(&lock);
    return n;
}

/* Changes only the device's memory size (live allocations stay), for out-of-memory tests on an open device. */
void fake_cuda_set_memory(long long memoryBytes) {
    pthread_mutex_lock(&lock);
    memory_bytes = memoryBytes < 0 ? 0 : (unsigned long long) memoryBytes;
    pthread_mutex_unlock(&lock);
}
