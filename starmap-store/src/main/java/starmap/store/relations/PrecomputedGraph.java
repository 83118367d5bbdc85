/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.relations;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import starmap.core.InvalidInputException;
import starmap.core.graph.KnnGraph;
import starmap.core.progress.Progress;
import starmap.core.relations.Notes;
import starmap.store.ColumnType;
import starmap.store.Sql;
import starmap.store.arrow.ArrowQuery;

/**
 * A relation graph computed elsewhere (by the Spark job): a directory with the manifest
 * {@value GraphManifest#FILE}, the kept items in {@code items/*.parquet} and the graph, one row per
 * neighbour, in {@code neighbors/*.parquet}. Everything is checked against the manifest; the items
 * become the temporary tables the item table reads, the neighbours a {@link KnnGraph}.
 */
final class PrecomputedGraph {
    private static final List<String> ITEM_COLUMNS = List.of("item", "idx", "occurrences", "collections", "graph_row");
    private static final List<String> NEIGHBOR_COLUMNS = List.of("graph_row", "rank", "neighbor_row", "distance");

    private PrecomputedGraph() {
    }

    static RelationsImporter.Built build(Connection conn, RelationsOptions o, Path target, Progress progress,
            Map<String, Duration> timings) throws SQLException {
        Path dir = o.input();
        if (o.edges()) {
            throw InvalidInputException.in("--edges").problem(dir + " holds a graph made from collections; drop --edges");
        }
        GraphManifest m = GraphManifest.read(dir.resolve(GraphManifest.FILE));
        timings.putAll(m.timings());
        long t0 = System.nanoTime();
        KnnGraph graph;
        ItemTable.Result items;
        progress.begin("read " + dir.getFileName(), 0);
        try {
            readItems(conn, dir.resolve("items"), m.idType(), m.points());
            graph = readNeighbors(conn, dir.resolve("neighbors"), m.points(), m.graph().k());
            items = ItemTable.write(conn, o, RelationRows.precomputed(m.idType(), m.itemColumn(), m.rows()), m.points());
        } finally {
            progress.end();
        }
        timings.put("points", Duration.ofNanos(System.nanoTime() - t0));
        List<String> warnings = new ArrayList<>(m.warnings());
        warnings.addAll(items.warnings());
        if (m.graph().leftOut() > 0) {
            warnings.add(Notes.leftOut(m.graph()));
        }
        RelationsReport report = new RelationsReport(target, m.rows(), m.items(), m.belowMinCount(), m.beyondMaxItems(),
                m.droppedRows(), m.singletons(), 0, m.nonZeros(), m.graph(), m.points(), items.unknown(), warnings,
                timings);
        return new RelationsImporter.Built(report, graph, m.parameters());
    }

    /** Fills rel_kept(item, n, g, idx) and rel_graph_items(row_idx, idx) from items/*.parquet, checked. */
    private static void readItems(Connection conn, Path dir, ColumnType idType, int points) throws SQLException {
        String scan = scan(conn, dir, ITEM_COLUMNS);
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TEMP TABLE rel_kept AS SELECT CAST(item AS " + idType.sql() + ") AS item, "
                    + "CAST(occurrences AS BIGINT) AS n, CAST(collections AS BIGINT) AS g, CAST(idx AS INTEGER) AS idx "
                    + "FROM " + scan);
            s.execute("CREATE TEMP TABLE rel_graph_items AS SELECT CAST(graph_row AS INTEGER) AS row_idx, "
                    + "CAST(idx AS INTEGER) AS idx FROM " + scan + " WHERE graph_row IS NOT NULL");
        } catch (SQLException e) {
            throw InvalidInputException.in(dir.toString()).cause(e).problem("cannot be read: " + Scan.firstLine(e));
        }
        try (Statement s = conn.createStatement();
             ResultSet kept = s.executeQuery("SELECT count(*), count(DISTINCT item), count(DISTINCT idx), min(idx), "
                     + "max(idx) FROM rel_kept")) {
            kept.next();
            long n = kept.getLong(1);
            if (n == 0) {
                throw InvalidInputException.in(dir.toString()).problem("has no rows");
            }
            if (kept.getLong(2) != n) {
                throw InvalidInputException.in(dir.toString()).column("item").problem("has empty or repeated ids");
            }
            if (kept.getLong(3) != n || kept.getLong(4) != 0 || kept.getLong(5) != n - 1) {
                throw InvalidInputException.in(dir.toString()).column("idx").problem("is not 0 .. " + (n - 1)
                        + ", each once");
            }
        }
        try (Statement s = conn.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*), count(DISTINCT row_idx), min(row_idx), max(row_idx) "
                     + "FROM rel_graph_items")) {
            rows.next();
            if (rows.getLong(1) != points) {
                throw InvalidInputException.in(dir.toString()).column("graph_row").problem(rows.getLong(1) + " items have "
                        + "one; the manifest says points = " + points);
            }
            if (rows.getLong(2) != points || rows.getLong(3) != 0 || rows.getLong(4) != points - 1) {
                throw InvalidInputException.in(dir.toString()).column("graph_row").problem("is not 0 .. " + (points - 1)
                        + ", each once");
            }
        }
    }

    /** The graph from neighbors/*.parquet: every graph row 0 .. points-1 with ranks 0 .. k-1, checked. */
    private static KnnGraph readNeighbors(Connection conn, Path dir, int points, int k) throws SQLException {
        String sql = "SELECT CAST(graph_row AS INTEGER) AS graph_row, CAST(rank AS INTEGER) AS rank, "
                + "CAST(neighbor_row AS INTEGER) AS neighbor_row, CAST(distance AS FLOAT) AS distance FROM "
                + scan(conn, dir, NEIGHBOR_COLUMNS) + " ORDER BY graph_row NULLS LAST, rank NULLS LAST";
        int[] indices = new int[Math.multiplyExact(points, k)];
        float[] distances = new float[indices.length];
        long[] at = {0};
        try {
            ArrowQuery.forEachBatch(conn, sql, 1 << 16, root -> {
                IntVector row = (IntVector) root.getVector("graph_row");
                IntVector rank = (IntVector) root.getVector("rank");
                IntVector neighbor = (IntVector) root.getVector("neighbor_row");
                Float4Vector distance = (Float4Vector) root.getVector("distance");
                for (int r = 0; r < root.getRowCount(); r++, at[0]++) {
                    if (row.isNull(r)) {
                        throw InvalidInputException.in(dir.toString()).column("graph_row").problem("is empty in a row");
                    }
                    int expected = (int) (at[0] / k);
                    int g = row.get(r);
                    if (g != expected || g >= points || rank.isNull(r) || rank.get(r) != at[0] % k) {
                        // sorted rows: the first one out of place shows the first short, over-full or stray graph row
                        int first = Math.min(g, expected);
                        throw badRow(dir, first < points ? first : g, points, k);
                    }
                    if (neighbor.isNull(r) || neighbor.get(r) < 0 || neighbor.get(r) >= points) {
                        throw InvalidInputException.in(dir.toString()).at("graph_row", g).problem("neighbor_row of rank "
                                + rank.get(r) + " is " + (neighbor.isNull(r) ? "empty" : neighbor.get(r)) + ", outside [0, "
                                + points + ")");
                    }
                    if (distance.isNull(r)) {
                        throw InvalidInputException.in(dir.toString()).at("graph_row", g).problem("distance of rank "
                                + rank.get(r) + " is empty");
                    }
                    indices[(int) at[0]] = neighbor.get(r);
                    distances[(int) at[0]] = distance.get(r);
                }
            });
        } catch (SQLException e) {
            throw InvalidInputException.in(dir.toString()).cause(e).problem("cannot be read: " + Scan.firstLine(e));
        }
        if (at[0] < indices.length) {
            throw badRow(dir, at[0] / k, points, k);
        }
        try {
            return KnnGraph.of(points, k, indices, distances);
        } catch (InvalidInputException e) {
            throw InvalidInputException.in(dir.toString()).at("graph_row", e.position().getAsLong() - 1)
                    .problem(e.problem());
        }
    }

    private static InvalidInputException badRow(Path dir, long row, int points, int k) {
        return InvalidInputException.in(dir.toString()).at("graph_row", row).problem(row < 0 || row >= points
                ? "is outside [0, " + points + ")"
                : "does not have exactly k = " + k + " neighbours ranked 0 .. " + (k - 1));
    }

    /** The read_parquet of dir/*.parquet, once the files and the columns are checked. */
    private static String scan(Connection conn, Path dir, List<String> required) throws SQLException {
        boolean any;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.parquet")) {
            any = files.iterator().hasNext();
        } catch (IOException e) {
            any = false;
        }
        if (!any) {
            throw InvalidInputException.in(dir.toString()).problem("is missing or holds no .parquet files");
        }
        String scan = "read_parquet(" + Sql.literal(dir.toAbsolutePath().resolve("*.parquet").toString()) + ")";
        List<String> columns = new ArrayList<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + scan)) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw InvalidInputException.in(dir.toString()).cause(e).problem("cannot be read: " + Scan.firstLine(e));
        }
        for (String c : required) {
            if (!columns.contains(c)) {
                throw InvalidInputException.in(dir.toString()).column(c).problem("is missing; the columns are "
                        + String.join(", ", columns));
            }
        }
        return scan;
    }
}
