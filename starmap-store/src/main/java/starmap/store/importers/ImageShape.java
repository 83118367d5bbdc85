/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

/** The pixel grid of vectors that are images, e.g. 28 × 28 × 1 for MNIST. */
record ImageShape(int height, int width, int channels) {
}
