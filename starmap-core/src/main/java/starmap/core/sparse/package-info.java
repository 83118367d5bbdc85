/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Sparse matrices in compressed sparse row form: affinities, co-occurrence counts, graph adjacency.
 *
 * <p>Threading: a {@link starmap.core.sparse.CsrMatrix} is immutable and safe to share.
 */
package starmap.core.sparse;
