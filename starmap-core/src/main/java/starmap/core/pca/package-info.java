/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Principal component analysis: t-SNE's preprocessing (to 50 dimensions when d > 100) and
 * initialisation, and a layout method of its own. {@link starmap.core.pca.Pca#fit} eigen-decomposes the
 * covariance matrix (exact; d up to a few thousand) or runs a randomized SVD (Halko, Martinsson &
 * Tropp 2011) for wide data.
 */
package starmap.core.pca;
