/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Starmap's pure computation: no files other than memory-mapped vectors, no network, no database. */
module starmap.core {
    exports starmap.core;
    exports starmap.core.graph;
    exports starmap.core.ids;
    exports starmap.core.layout;
    exports starmap.core.progress;
    exports starmap.core.sparse;
    exports starmap.core.vectors;
}
