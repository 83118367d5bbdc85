/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Making layouts of an atlas: {@link starmap.store.layouts.Embedder} reads the vectors, reuses or
 * computes the kNN graph (stored in the atlas for every later layout and the viewer), runs a core
 * recipe (t-SNE or PCA), measures its quality, and stores the layout with its manifest. The CLI and the
 * server both call it; neither holds algorithm code.
 */
package starmap.store.layouts;
