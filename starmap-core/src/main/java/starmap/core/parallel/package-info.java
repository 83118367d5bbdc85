/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Parallel loops over index ranges on a pool owned by the caller.
 *
 * <p>Ranges are split into chunks whose boundaries depend only on the range and the grain, never on
 * the number of threads; reductions combine per-chunk results in chunk order. So a computation whose
 * chunks are deterministic gives the same result on any thread count.
 */
package starmap.core.parallel;
