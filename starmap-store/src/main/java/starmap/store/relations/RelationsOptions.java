/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.relations;

import java.nio.file.Path;
import java.util.Optional;
import starmap.core.InvalidParameterException;
import starmap.core.relations.CooccurrenceParams;
import starmap.core.relations.Transform;

/**
 * What to read and how to make the graph.
 *
 * @param atlas       the atlas to create
 * @param input       the collections or edge-list file (CSV, TSV, Parquet or JSON Lines, by extension), or a
 *                    directory holding a graph computed elsewhere ({@link RelationsImporter#isPrecomputed}),
 *                    whose manifest then fixes the filters and the graph
 * @param edges       true: rows are (source, target[, weight]) related-item edges; false: (collection, item) rows
 * @param first       the collection (or source) column; empty: the file's first column
 * @param second      the item (or target) column; empty: the second column
 * @param weight      the weight column; empty: a column named "weight" if there is one, else none
 * @param time        the timestamp column (collections only), if any
 * @param attribute   the numeric attribute column (collections only), if any
 * @param items       an item metadata file (CSV, TSV, Parquet, JSON Lines), if any
 * @param itemsId     its id column; empty: its first column
 * @param label       the metadata column that labels items; empty: one named "category" or "label", if any
 * @param minCount    items seen in fewer rows are dropped
 * @param maxItems    at most this many items are kept, the most frequent
 * @param cooccurrence pair weighting and the cap on collection size
 * @param k           neighbours per item in the graph
 * @param transform   similarity to dissimilarity
 * @param replace     whether an existing atlas may be replaced (only when everything succeeds)
 */
public record RelationsOptions(Path atlas, Path input, boolean edges, Optional<String> first, Optional<String> second,
        Optional<String> weight, Optional<String> time, Optional<String> attribute, Optional<Path> items,
        Optional<String> itemsId, Optional<String> label, int minCount, int maxItems,
        CooccurrenceParams cooccurrence, int k, Transform transform, boolean replace) {

    public RelationsOptions {
        InvalidParameterException.require(minCount >= 1, "min-count", ">= 1", minCount);
        InvalidParameterException.require(maxItems >= 2, "max-items", ">= 2", maxItems);
        InvalidParameterException.require(k >= 1, "k", ">= 1", k);
        if (edges && (time.isPresent() || attribute.isPresent())) {
            throw InvalidParameterException.of(time.isPresent() ? "time-column" : "attribute-column",
                    "only for collections, not edge lists", time.orElse(attribute.orElse("")));
        }
    }

    /** Collections from {@code input} with every option at its default. */
    public static RelationsOptions collections(Path atlas, Path input) {
        return new RelationsOptions(atlas, input, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1,
                Integer.MAX_VALUE, CooccurrenceParams.DEFAULTS, 15, Transform.LOG, false);
    }

    /** The same options reading {@code other} (e.g. the directory a Spark job wrote). */
    public RelationsOptions withInput(Path other) {
        return new RelationsOptions(atlas, other, edges, first, second, weight, time, attribute, items, itemsId, label,
                minCount, maxItems, cooccurrence, k, transform, replace);
    }
}
