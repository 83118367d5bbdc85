/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import starmap.core.layout.LayoutManifest;
import starmap.store.AtlasSummary;
import starmap.store.KnnGraphInfo;
import starmap.store.SourceInfo;

/** The JSON form of {@code starmap info}, as plain maps and lists so the output is stable. */
final class SummaryJson {
    private SummaryJson() {
    }

    static Map<String, Object> of(AtlasSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", s.path().toString());
        m.put("info", s.info());
        m.put("points", s.points());
        m.put("vector_dimension", s.vectorDimension().isPresent() ? s.vectorDimension().getAsInt() : null);
        s.images().ifPresent(i -> m.put("images", i.describe()));
        List<Map<String, Object>> cols = new ArrayList<>();
        for (AtlasSummary.ColumnSummary c : s.columns()) {
            Map<String, Object> col = new LinkedHashMap<>();
            col.put("name", c.column().name());
            col.put("type", c.column().type().sql());
            col.put("role", c.column().role().sql());
            col.put("source_name", c.column().sourceName());
            col.put("approx_distinct", c.distinct());
            col.put("nulls", c.nulls());
            Map<String, Long> top = new LinkedHashMap<>();
            c.top().forEach(v -> top.put(v.value(), v.count()));
            col.put("most_frequent", top);
            cols.add(col);
        }
        m.put("columns", cols);
        List<Map<String, Object>> sources = new ArrayList<>();
        for (SourceInfo src : s.sources()) {
            sources.add(Map.of("role", src.role(), "path", src.path(), "format", src.format(), "first_row",
                    src.firstRow(), "rows", src.rows(), "bytes", src.bytes()));
        }
        m.put("sources", sources);
        List<Map<String, Object>> layouts = new ArrayList<>();
        for (LayoutManifest l : s.layouts()) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("name", l.name());
            lm.put("method", l.method());
            lm.put("dimension", l.dimension());
            lm.put("parameters", l.parameters());
            Map<String, Double> ms = new LinkedHashMap<>();
            l.timings().forEach((k, v) -> ms.put(k, v.toNanos() / 1e6));
            lm.put("timings_ms", ms);
            lm.put("metrics", l.metrics());
            lm.put("created_at", l.createdAt().toString());
            layouts.add(lm);
        }
        m.put("layouts", layouts);
        List<Map<String, Object>> graphs = new ArrayList<>();
        for (KnnGraphInfo g : s.knnGraphs()) {
            graphs.add(Map.of("name", g.name(), "k", g.k(), "metric", g.metric(), "parameters", g.parameters(),
                    "created_at", g.createdAt().toString()));
        }
        m.put("knn_graphs", graphs);
        m.put("annotations", s.annotations());
        return m;
    }
}
