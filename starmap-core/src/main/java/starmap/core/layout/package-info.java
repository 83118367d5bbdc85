/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Layouts: coordinates of every point in a low-dimensional space plus the manifest that explains
 * them (method, parameters, per-stage timings, quality metrics).
 *
 * <p>Threading: {@link starmap.core.layout.Layout} and its parts are immutable once built; the
 * coordinate array is copied on the way in and out.
 */
package starmap.core.layout;
