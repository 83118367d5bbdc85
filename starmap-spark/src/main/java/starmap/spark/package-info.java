/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The relationship pipeline's first steps on Apache Spark: collections to the co-occurrence matrix to the
 * k-nearest-neighbour graph, for data that outgrows one machine. The pair weighting, the split of giant
 * collections, the dissimilarity transforms, the top-k choice and the fill-in are starmap-core's own
 * functions; this package only distributes them. The output directory is what {@code starmap relate}
 * imports as an atlas's graph (see docs/relations.md).
 */
package starmap.spark;
