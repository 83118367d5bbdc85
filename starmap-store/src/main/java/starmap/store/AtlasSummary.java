/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import starmap.core.layout.LayoutManifest;

/**
 * Everything {@code starmap info} shows about an atlas.
 *
 * @param path            the file
 * @param info            the atlas_info key/value pairs (schema version, creation time, …)
 * @param points          number of points
 * @param vectorDimension dimension of the vectors, if any
 * @param columns         columns with statistics
 * @param images          where images come from, if anywhere
 * @param sources         imported files
 * @param layouts         stored layouts with their metrics
 * @param knnGraphs       stored kNN graphs
 * @param annotations     number of entries in the annotation log
 */
public record AtlasSummary(Path path, Map<String, String> info, int points, OptionalInt vectorDimension,
        List<ColumnSummary> columns, Optional<ImageInfo> images, List<SourceInfo> sources,
        List<LayoutManifest> layouts, List<KnnGraphInfo> knnGraphs, long annotations) {

    /**
     * A column and what is in it.
     *
     * @param column   name, type, role
     * @param distinct number of distinct values: exact for the id column, approximate (HyperLogLog) otherwise
     * @param nulls    number of nulls
     * @param top      the most frequent values with their counts (label columns only), most frequent first
     */
    public record ColumnSummary(ColumnInfo column, long distinct, long nulls, List<ValueCount> top) {
    }

    /** A value and how many points have it. */
    public record ValueCount(String value, long count) {
    }

    static AtlasSummary of(Atlas atlas) {
        int n = atlas.pointCount();
        List<ColumnSummary> cols = n == 0 ? List.of() : columnStats(atlas);
        long[] annotations = {0};
        atlas.query("counting annotations", "SELECT count(*) FROM annotations", rs -> {
            rs.next();
            annotations[0] = rs.getLong(1);
        });
        return new AtlasSummary(atlas.path(), atlas.info(), n, atlas.vectorDimension(), cols, atlas.images(),
                atlas.sources(), atlas.layouts().list(), atlas.knnGraphs().list(), annotations[0]);
    }

    private static List<ColumnSummary> columnStats(Atlas atlas) {
        List<ColumnInfo> infos = atlas.columns();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < infos.size(); i++) {
            String c = Sql.ident(infos.get(i).name());
            sql.append(i == 0 ? "" : ", ").append("approx_count_distinct(").append(c).append("), count(*) - count(")
                    .append(c).append(')');
        }
        long[] stats = new long[infos.size() * 2];
        atlas.query("computing column statistics", sql.append(" FROM points").toString(), rs -> {
            rs.next();
            for (int i = 0; i < stats.length; i++) {
                stats[i] = rs.getLong(i + 1);
            }
        });
        List<ColumnSummary> out = new ArrayList<>();
        for (int i = 0; i < infos.size(); i++) {
            ColumnInfo c = infos.get(i);
            List<ValueCount> top = c.role() == ColumnRole.LABEL ? topValues(atlas, c.name(), 12) : List.of();
            long distinct = c.role() == ColumnRole.ID ? atlas.pointCount() : stats[2 * i];
            out.add(new ColumnSummary(c, distinct, stats[2 * i + 1], top));
        }
        return out;
    }

    private static List<ValueCount> topValues(Atlas atlas, String column, int limit) {
        List<ValueCount> out = new ArrayList<>();
        String c = Sql.ident(column);
        atlas.query("counting labels", "SELECT CAST(" + c + " AS VARCHAR), count(*) FROM points GROUP BY " + c
                + " ORDER BY count(*) DESC, " + c + " LIMIT " + limit, rs -> {
                    while (rs.next()) {
                        out.add(new ValueCount(String.valueOf(rs.getString(1)), rs.getLong(2)));
                    }
                });
        return out;
    }
}
