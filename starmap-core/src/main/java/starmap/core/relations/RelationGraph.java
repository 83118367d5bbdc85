/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.relations;

import java.util.LinkedHashMap;
import java.util.Map;
import starmap.core.graph.KnnGraph;

/**
 * The k-nearest-neighbour graph of the items that could have k neighbours.
 *
 * @param graph the graph over the kept items (row r is item {@code items[r]} of the matrix)
 * @param items the matrix item of each graph row, ascending
 * @param report what sparsification kept, filled in and left out
 */
public record RelationGraph(KnnGraph graph, int[] items, Report report) {

    /**
     * @param k              neighbours per item
     * @param transform      the dissimilarity used
     * @param direct         items that had at least k edges of their own
     * @param filled         items with fewer than k edges whose list was filled in by walking the graph
     * @param isolated       items with no edge at all (left out)
     * @param smallComponent items in components of at most k items, which cannot have k neighbours (left out)
     * @param components     connected components among the kept items
     */
    public record Report(int k, Transform transform, int direct, int filled, int isolated, int smallComponent,
            int components) {

        /** Items left out of the graph. */
        public int leftOut() {
            return isolated + smallComponent;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("k", k);
            m.put("transform", transform.cliName());
            m.put("items_direct", direct);
            m.put("items_filled_in", filled);
            m.put("items_isolated_left_out", isolated);
            m.put("items_small_component_left_out", smallComponent);
            m.put("components", components);
            return m;
        }
    }
}
