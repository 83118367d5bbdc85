/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Starmap's pure computation: no files other than memory-mapped vectors, no network, no database. */
module starmap.core {
    requires static jdk.incubator.vector;
    requires ejml.core;
    requires ejml.ddense;
    requires JTransforms;
    requires jvector;

    exports starmap.core;
    exports starmap.core.device;
    exports starmap.core.graph;
    exports starmap.core.ids;
    exports starmap.core.knn;
    exports starmap.core.layout;
    exports starmap.core.layout.affinity;
    exports starmap.core.layout.mde;
    exports starmap.core.layout.node2vec;
    exports starmap.core.layout.tsne;
    exports starmap.core.layout.tsne.repulsion;
    exports starmap.core.layout.umap;
    exports starmap.core.pca;
    exports starmap.core.parallel;
    exports starmap.core.simd;
    exports starmap.core.progress;
    exports starmap.core.quality;
    exports starmap.core.query;
    exports starmap.core.relations;
    exports starmap.core.sparse;
    exports starmap.core.vectors;

    uses starmap.core.device.Accelerator;
}
