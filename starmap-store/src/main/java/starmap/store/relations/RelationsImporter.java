/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.relations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.types.pojo.Schema;
import starmap.core.parallel.Parallel;
import starmap.core.graph.KnnGraph;
import starmap.core.progress.Progress;
import starmap.core.relations.Cooccurrence;
import starmap.core.relations.CooccurrenceMatrix;
import starmap.core.relations.RelationGraph;
import starmap.core.relations.Sparsifier;
import starmap.store.Atlas;
import starmap.store.KnnGraphInfo;
import starmap.store.arrow.ArrowColumns;
import starmap.store.arrow.ArrowInsert;
import starmap.store.importers.AtlasFiles;

/**
 * Imports collections or an edge list into a new atlas of items with their neighbour graph. Like every
 * import, the atlas is written to a hidden file beside the target and moved into place only when all
 * went well.
 */
public final class RelationsImporter {
    /** The name of the stored relation graph. */
    public static final String GRAPH = "relations";

    private RelationsImporter() {
    }

    /** Runs the import. */
    public static RelationsReport run(RelationsOptions o, Parallel par, Progress progress) {
        Path target = o.atlas().toAbsolutePath();
        AtlasFiles.checkTarget(target, o.replace());
        Path tmp = AtlasFiles.temporary(target);
        Map<String, Duration> timings = new LinkedHashMap<>();
        try {
            RelationsReport report;
            try (Atlas atlas = Atlas.create(tmp)) {
                Built built = atlas.inTransaction("importing relations", conn -> build(conn, o, target, par, progress,
                        timings));
                report = built.report();
                long t0 = System.nanoTime();
                atlas.knnGraphs().save(new KnnGraphInfo(GRAPH, report.graph().k(), "relations-"
                        + report.graph().transform().cliName(), graphParameters(o, report), Instant.now()), built.graph());
                timings.put("store", Duration.ofNanos(System.nanoTime() - t0));
            }
            AtlasFiles.move(tmp, target, o.replace());
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            AtlasFiles.discard(tmp);
        }
    }

    private record Built(RelationsReport report, KnnGraph graph) {
    }

    private static Built build(Connection conn, RelationsOptions o, Path target, Parallel par,
            Progress progress, Map<String, Duration> timings) throws SQLException {
        long t0 = System.nanoTime();
        RelationRows rows = RelationRows.read(conn, o, progress);
        timings.put("read", Duration.ofNanos(System.nanoTime() - t0));
        long t1 = System.nanoTime();
        CooccurrenceMatrix m = o.edges()
                ? Cooccurrence.fromEdges(rows.keptItems(), rows.first(), rows.second(), rows.weight())
                : Cooccurrence.build(rows.interactions(), o.cooccurrence(), par, progress);
        long nnz = m.nonZeros();
        timings.put("cooccurrence", Duration.ofNanos(System.nanoTime() - t1));
        long t2 = System.nanoTime();
        RelationGraph g = Sparsifier.knn(m, o.k(), o.transform(), par, progress);
        m = null;
        timings.put("graph", Duration.ofNanos(System.nanoTime() - t2));
        long t3 = System.nanoTime();
        writeGraphItems(conn, g.items());
        ItemTable.Result items = ItemTable.write(conn, o, rows, g.items().length);
        timings.put("points", Duration.ofNanos(System.nanoTime() - t3));
        List<String> warnings = new ArrayList<>(rows.warnings());
        warnings.addAll(items.warnings());
        if (g.report().leftOut() > 0) {
            warnings.add(g.report().leftOut() + " items are not in the map: " + g.report().isolated()
                    + " share no collection (or edge) with any other kept item, " + g.report().smallComponent()
                    + " are in groups of at most k = " + o.k() + " items connected only among themselves"
                    + " (lower --k to keep those)");
        }
        return new Built(new RelationsReport(target, rows.rowCount(), rows.itemCount(), rows.belowMinCount(),
                rows.beyondMaxItems(), rows.droppedRows(), rows.singletons(), rows.selfLoops(), nnz, g.report(),
                g.items().length, items.unknown(), warnings, timings), g.graph());
    }

    /** The table rel_graph_items(row_idx, idx): the kept item index of each point. */
    private static void writeGraphItems(Connection conn, int[] items) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TEMP TABLE rel_graph_items (row_idx INTEGER, idx INTEGER)");
        }
        Schema schema = new Schema(List.of(ArrowColumns.intField("row_idx"), ArrowColumns.intField("idx")));
        int[] next = {0};
        ArrowInsert.run(conn, schema, root -> {
            int rows = Math.min(65536, items.length - next[0]);
            if (rows <= 0) {
                return false;
            }
            ArrowColumns.setSequence((IntVector) root.getVector(0), next[0], rows);
            IntVector idx = (IntVector) root.getVector(1);
            idx.allocateNew(rows);
            for (int r = 0; r < rows; r++) {
                idx.set(r, items[next[0] + r]);
            }
            idx.setValueCount(rows);
            root.setRowCount(rows);
            next[0] += rows;
            return true;
        }, "INSERT INTO rel_graph_items SELECT row_idx, idx FROM {stream}");
    }

    private static Map<String, Object> graphParameters(RelationsOptions o, RelationsReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", o.input().toAbsolutePath().toString());
        m.put("kind", o.edges() ? "edges" : "collections");
        m.put("min_count", o.minCount());
        if (o.maxItems() < Integer.MAX_VALUE) {
            m.put("max_items", o.maxItems());
        }
        if (!o.edges()) {
            m.putAll(o.cooccurrence().toMap());
        }
        m.put("rows", r.rows());
        m.put("non_zeros", r.nonZeros());
        m.putAll(r.graph().toMap());
        return m;
    }

    static long count(Connection conn, String sql) throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
