/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Dense float32 vectors: the input of every layout.
 *
 * <p>{@link starmap.core.vectors.DenseVectors} keeps an n × d row-major matrix off the Java heap in a
 * {@link java.lang.foreign.MemorySegment}, allocated or memory-mapped from a file, so ten million
 * 128-dimensional vectors (5 GB) fit without touching the heap limit. Element order is
 * little-endian float32 whatever the platform, so a mapped file is portable.
 *
 * <p>Threading: reads are safe from any number of threads; writes to distinct rows are safe from
 * distinct threads; closing while others read is not.
 */
package starmap.core.vectors;
