/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * JMH micro-benchmarks of the SIMD kernels, each in a Vector API fork and a scalar fork
 * ({@code -Dstarmap.simd=scalar}). Run with
 * {@code java -cp starmap-bench/target/starmap-bench.jar org.openjdk.jmh.Main Kernel}.
 */
package starmap.bench.jmh;
