/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Queries over a vector space: nearest items, the averager, analogies. See {@link starmap.core.query.VectorQueries}. */
package starmap.core.query;
