/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The numeric kernels that dominate run time, in two implementations chosen once at startup:
 * {@code PanamaKernels} on the incubating Vector API when {@code jdk.incubator.vector} is available
 * (run the JVM with {@code --add-modules=jdk.incubator.vector}), else {@link starmap.core.simd.ScalarKernels}.
 * {@code -Dstarmap.simd=scalar} forces the scalar ones; tests run both and compare.
 *
 * <p>Kernels read caller arrays and write into caller buffers; they allocate nothing and are
 * thread-safe.
 */
package starmap.core.simd;
