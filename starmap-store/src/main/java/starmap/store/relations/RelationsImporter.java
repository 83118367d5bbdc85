/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.relations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import starmap.core.InvalidInputException;
import starmap.core.parallel.Parallel;
import starmap.core.graph.KnnGraph;
import starmap.core.progress.Progress;
import starmap.core.relations.Cooccurrence;
import starmap.core.relations.CooccurrenceMatrix;
import starmap.core.relations.CooccurrenceParams;
import starmap.core.relations.Notes;
import starmap.core.relations.RelationGraph;
import starmap.core.relations.Sparsifier;
import starmap.store.Atlas;
import starmap.store.KnnGraphInfo;
import starmap.store.arrow.ArrowColumns;
import starmap.store.arrow.ArrowInsert;
import starmap.store.importers.AtlasFiles;

/**
 * Imports collections or an edge list into a new atlas of items with their neighbour graph, or a graph
 * computed elsewhere (a directory written by the Spark job, see {@link #isPrecomputed(Path)}). Like every
 * import, the atlas is written to a hidden file beside the target and moved into place only when all
 * went well.
 */
public final class RelationsImporter {
    /** The name of the stored relation graph. */
    public static final String GRAPH = "relations";

    private RelationsImporter() {
    }

    /**
     * Whether {@code input} is a directory holding a precomputed graph (it has a {@code _starmap.json}
     * manifest), which {@link #run} imports as it is instead of reading collections.
     */
    public static boolean isPrecomputed(Path input) {
        return Files.isDirectory(input) && Files.isRegularFile(input.resolve(GraphManifest.FILE));
    }

    /** Runs the import. */
    public static RelationsReport run(RelationsOptions o, Parallel par, Progress progress) {
        Path target = o.atlas().toAbsolutePath();
        boolean precomputed = isPrecomputed(o.input());
        if (!precomputed && Files.isDirectory(o.input())) {
            throw InvalidInputException.in(o.input().toString()).problem("is a directory without "
                    + GraphManifest.FILE + ": neither a collections or edge-list file nor a graph written by the "
                    + "Spark job");
        }
        AtlasFiles.checkTarget(target, o.replace());
        Path tmp = AtlasFiles.temporary(target);
        Map<String, Duration> timings = new LinkedHashMap<>();
        try {
            RelationsReport report;
            try (Atlas atlas = Atlas.create(tmp)) {
                Built built = atlas.inTransaction("importing relations", conn -> precomputed
                        ? PrecomputedGraph.build(conn, o, target, progress, timings)
                        : build(conn, o, target, par, progress, timings));
                report = built.report();
                long t0 = System.nanoTime();
                atlas.knnGraphs().save(new KnnGraphInfo(GRAPH, report.graph().k(), "relations-"
                        + report.graph().transform().cliName(), built.parameters(), Instant.now()), built.graph());
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

    /** What the import made: the report, the graph and the graph's stored parameters. */
    record Built(RelationsReport report, KnnGraph graph, Map<String, Object> parameters) {
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
            warnings.add(Notes.leftOut(g.report()));
        }
        RelationsReport report = new RelationsReport(target, rows.rowCount(), rows.itemCount(), rows.belowMinCount(),
                rows.beyondMaxItems(), rows.droppedRows(), rows.singletons(), rows.selfLoops(), nnz, g.report(),
                g.items().length, items.unknown(), warnings, timings);
        return new Built(report, g.graph(), graphParameters(o.input().toAbsolutePath().toString(), o.edges(),
                o.minCount(), o.maxItems(), o.cooccurrence(), report.rows(), nnz, g.report()));
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

    /** The graph's stored parameters: where it came from, the filters, pair weighting and sparsification. */
    static Map<String, Object> graphParameters(String source, boolean edges, int minCount, int maxItems,
            CooccurrenceParams cooccurrence, long rows, long nonZeros, RelationGraph.Report graph) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("kind", edges ? "edges" : "collections");
        m.put("min_count", minCount);
        if (maxItems < Integer.MAX_VALUE) {
            m.put("max_items", maxItems);
        }
        if (!edges) {
            m.putAll(cooccurrence.toMap());
        }
        m.put("rows", rows);
        m.put("non_zeros", nonZeros);
        m.putAll(graph.toMap());
        return m;
    }

    static long count(Connection conn, String sql) throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
