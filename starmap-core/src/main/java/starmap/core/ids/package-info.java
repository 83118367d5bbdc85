/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The mapping between users' point ids and Starmap's dense row indices. It is made once, when points
 * are imported, and every later structure (vectors, graphs, layouts, annotations) speaks row indices.
 *
 * <p>Threading: an {@link starmap.core.ids.IdIndex} is immutable and safe to share.
 */
package starmap.core.ids;
