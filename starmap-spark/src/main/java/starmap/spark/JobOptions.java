/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import java.util.Optional;
import starmap.core.InvalidParameterException;
import starmap.core.relations.CooccurrenceParams;
import starmap.core.relations.Transform;

/**
 * What the job reads and how it builds the graph: the options of {@code starmap relate} for collections.
 *
 * @param input            collections: a file or a directory of files (Parquet, CSV, TSV, JSON Lines), any
 *                         path Spark reads (local, HDFS, S3)
 * @param output           the directory to write
 * @param format           parquet, csv, tsv or json; empty: from the input's extension
 * @param collectionColumn the collection column; empty: the first
 * @param itemColumn       the item column; empty: the second
 * @param weightColumn     the weight column; empty: one named "weight" if there is one
 * @param timeColumn       the timestamp column, if any
 * @param attributeColumn  the numeric attribute column, if any
 * @param minCount         items seen in fewer rows are dropped
 * @param maxItems         at most this many items are kept, the most frequent
 * @param cooccurrence     pair weighting, the cap on collection size and the seed of its split
 * @param k                neighbours per item
 * @param transform        similarity to dissimilarity
 * @param batchRows        rows of whole collections a task turns into partial matrix rows at once
 * @param partitions       partitions of the shuffles; 0: from the data size and the cluster
 * @param overwrite        whether an existing output directory may be replaced
 */
public record JobOptions(String input, String output, Optional<String> format, Optional<String> collectionColumn,
        Optional<String> itemColumn, Optional<String> weightColumn, Optional<String> timeColumn,
        Optional<String> attributeColumn, int minCount, int maxItems, CooccurrenceParams cooccurrence, int k,
        Transform transform, int batchRows, int partitions, boolean overwrite) {

    public JobOptions {
        InvalidParameterException.require(minCount >= 1, "min-count", ">= 1", minCount);
        InvalidParameterException.require(maxItems >= 2, "max-items", ">= 2", maxItems);
        InvalidParameterException.require(k >= 1, "k", ">= 1", k);
        InvalidParameterException.require(batchRows >= 1, "batch-rows", ">= 1", batchRows);
        InvalidParameterException.require(partitions >= 0, "partitions", ">= 0", partitions);
    }

    /** Collections from {@code input} into {@code output} with every option at its default. */
    public static JobOptions of(String input, String output) {
        return new JobOptions(input, output, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 1, Integer.MAX_VALUE, CooccurrenceParams.DEFAULTS, 15,
                Transform.LOG, 1_000_000, 0, false);
    }
}
