/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.relations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import starmap.core.relations.RelationGraph;

/**
 * What a relations import read, dropped and built.
 *
 * @param atlas             the atlas written
 * @param rows              rows read
 * @param items             distinct items read
 * @param belowMinCount     items dropped for appearing in fewer than --min-count rows (and their rows)
 * @param beyondMaxItems    items dropped beyond --max-items (and their rows)
 * @param droppedRows       rows dropped with those items
 * @param singletons        collections left with one row after filtering: they pair nothing
 * @param selfLoops         edge-list rows from an item to itself, skipped
 * @param nonZeros          non-zeros of the similarity matrix (both halves)
 * @param graph             the sparsifier's report (items kept, filled in, left out)
 * @param points            items in the atlas
 * @param unknownMetadata   metadata rows whose id is no kept item (ignored), and up to 5 of those ids
 * @param warnings          notes for the user
 * @param timings           seconds per stage
 */
public record RelationsReport(Path atlas, long rows, long items, long belowMinCount, long beyondMaxItems,
        long droppedRows, long singletons, long selfLoops, long nonZeros, RelationGraph.Report graph, int points,
        long unknownMetadata, List<String> warnings, Map<String, Duration> timings) {
}
