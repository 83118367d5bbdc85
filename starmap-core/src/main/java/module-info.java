/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Starmap's pure computation: no files other than memory-mapped vectors, no network, no database. */
module starmap.core {
    requires static jdk.incubator.vector;
    requires ejml.core;
    requires ejml.ddense;

    exports starmap.core;
    exports starmap.core.graph;
    exports starmap.core.ids;
    exports starmap.core.knn;
    exports starmap.core.layout;
    exports starmap.core.pca;
    exports starmap.core.parallel;
    exports starmap.core.simd;
    exports starmap.core.progress;
    exports starmap.core.sparse;
    exports starmap.core.vectors;
}
