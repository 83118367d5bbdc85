/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout;

import starmap.core.InvalidParameterException;

/**
 * A map of the points: their coordinates and the manifest that explains how they were made.
 *
 * @param manifest    method, parameters, timings, metrics
 * @param coordinates one row per point, in the atlas's row order
 */
public record Layout(LayoutManifest manifest, Embedding coordinates) {
    public Layout {
        InvalidParameterException.require(manifest.dimension() == coordinates.dimension(),
                "coordinates.dimension", "the manifest's dimension " + manifest.dimension(),
                coordinates.dimension());
    }

    public String name() {
        return manifest.name();
    }

    public int size() {
        return coordinates.size();
    }
}
