/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.relations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import starmap.core.InvalidInputException;
import starmap.core.graph.KnnGraph;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.relations.CooccurrenceParams;
import starmap.core.relations.Transform;
import starmap.store.Atlas;
import starmap.store.ColumnInfo;
import starmap.store.ColumnRole;
import starmap.store.KnnGraphInfo;
import starmap.testkit.PlantedCollections;

/**
 * A graph computed elsewhere and written in the Spark job's layout (made here from the atlas the
 * collections give) imports into the same atlas: graph, items and metadata.
 */
class PrecomputedGraphIT {
    private static final int ITEMS = 240;
    private static final int K = 10;
    /** The odd items: two seen only together, one only in collections of its own, one dropped by --max-items. */
    private static final int PAIR_1 = 10_001;
    private static final int PAIR_2 = 10_002;
    private static final int DROPPED = 10_003;
    private static final int ALONE = 10_004;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The collections (text or integer ids), their metadata, the options, and the atlas and report they gave. */
    private record Reference(boolean text, Path csv, Path meta, Path atlas, RelationsOptions options,
            RelationsReport report) {
    }

    private Reference reference(boolean text) throws IOException {
        PlantedCollections data = PlantedCollections.generate(ITEMS, 4, 1200, 6, 0.05, 0, 5);
        StringBuilder csv = new StringBuilder("user,item\n");
        for (int r = 0; r < data.rows(); r++) {
            row(csv, text, data.collection()[r], data.item()[r]);
        }
        row(csv, text, 100_000, PAIR_1);
        row(csv, text, 100_000, PAIR_2);
        row(csv, text, 100_001, ALONE);
        row(csv, text, 100_002, ALONE);
        row(csv, text, 100_003, DROPPED);
        StringBuilder meta = new StringBuilder("item,name,category\n");
        for (int i = 0; i < ITEMS; i++) {
            meta.append(id(text, "i", i)).append(",Item ").append(i).append(",c").append(data.community()[i]).append('\n');
        }
        for (int i : new int[] {PAIR_1, PAIR_2, DROPPED, ALONE}) {
            meta.append(id(text, "i", i)).append(",Odd ").append(i).append(",odd\n");
        }
        Path csvFile = Files.writeString(dir.resolve("rows.csv"), csv);
        Path metaFile = Files.writeString(dir.resolve("items.csv"), meta);
        Path atlas = dir.resolve("reference.duckdb");
        RelationsOptions o = options(atlas, csvFile, metaFile);
        return new Reference(text, csvFile, metaFile, atlas, o, relate(o));
    }

    private static void row(StringBuilder csv, boolean text, int collection, int item) {
        csv.append(id(text, "u", collection)).append(',').append(id(text, "i", item)).append('\n');
    }

    private static String id(boolean text, String prefix, int n) {
        return text ? prefix + n : Integer.toString(n);
    }

    private static RelationsOptions options(Path atlas, Path input, Path items) {
        return new RelationsOptions(atlas, input, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(items), Optional.empty(), Optional.empty(), 1, ITEMS + 3,
                CooccurrenceParams.DEFAULTS.withSeed(7), K, Transform.LOG, false);
    }

    private static RelationsReport relate(RelationsOptions o) {
        try (Parallel par = Parallel.of(2)) {
            return RelationsImporter.run(o, par, Progress.NONE);
        }
    }

    /**
     * Writes what the Spark job would for the reference, in two shuffled neighbour parts, leaving out the
     * neighbour rows that match {@code drop} (SQL).
     */
    private Path writeOutput(Reference ref, String name, String drop) throws Exception {
        Path out = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(out.resolve("items"));
        Files.createDirectories(out.resolve("neighbors"));
        Files.createFile(out.resolve("items/_SUCCESS"));
        KnnGraph graph;
        try (Atlas a = Atlas.openReadOnly(ref.atlas())) {
            graph = a.knnGraphs().get(RelationsImporter.GRAPH);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("ATTACH '" + ref.atlas() + "' AS ref (READ_ONLY)");
            s.execute("COPY (SELECT c.item, c.idx, c.occurrences, c.collections, p.row_idx AS graph_row FROM ("
                    + "SELECT item, CAST(row_number() OVER (ORDER BY count(*) DESC, item) - 1 AS INTEGER) AS idx, "
                    + "count(*) AS occurrences, count(DISTINCT \"user\") AS collections "
                    + "FROM read_csv('" + ref.csv() + "', header = true) GROUP BY item) c "
                    + "LEFT JOIN ref.points p ON p.id = c.item WHERE c.idx < " + ref.options().maxItems() + ") "
                    + "TO '" + out.resolve("items/part-0.parquet") + "' (FORMAT parquet)");
            s.execute("CREATE TABLE nb (graph_row INTEGER, rank INTEGER, neighbor_row INTEGER, distance FLOAT)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO nb VALUES (?, ?, ?, ?)")) {
                for (int row = 0; row < graph.size(); row++) {
                    for (int j = 0; j < graph.k(); j++) {
                        p.setInt(1, row);
                        p.setInt(2, j);
                        p.setInt(3, graph.neighbor(row, j));
                        p.setFloat(4, graph.distance(row, j));
                        p.addBatch();
                    }
                }
                p.executeBatch();
            }
            for (int part = 0; part < 2; part++) {
                s.execute("COPY (SELECT n.*, a.id AS item, b.id AS neighbor, CAST(NULL AS FLOAT) AS weight FROM nb n "
                        + "JOIN ref.points a ON a.row_idx = n.graph_row JOIN ref.points b ON b.row_idx = n.neighbor_row "
                        + "WHERE n.graph_row % 2 = " + part + " AND NOT (" + drop + ") ORDER BY random()) TO '"
                        + out.resolve("neighbors/part-" + part + ".parquet") + "' (FORMAT parquet)");
            }
        }
        RelationsReport r = ref.report();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "starmap-relations-graph");
        m.put("version", 1);
        m.put("engine", "spark 4.2.0");
        m.put("master", "local[2]");
        m.put("source", ref.csv().toAbsolutePath().toString());
        m.put("kind", "collections");
        m.put("collection_column", "user");
        m.put("item_column", "item");
        m.put("id_type", ref.text() ? "VARCHAR" : "BIGINT");
        m.put("min_count", ref.options().minCount());
        m.put("max_items", ref.options().maxItems());
        m.putAll(ref.options().cooccurrence().toMap());
        m.put("k", ref.options().k());
        m.put("transform", ref.options().transform().cliName());
        m.put("rows", r.rows());
        m.put("items", r.items());
        m.put("below_min_count", r.belowMinCount());
        m.put("beyond_max_items", r.beyondMaxItems());
        m.put("dropped_rows", r.droppedRows());
        m.put("singletons", r.singletons());
        m.put("split_collections", 0);
        m.put("non_zeros", r.nonZeros());
        m.put("graph", r.graph().toMap());
        m.put("points", r.points());
        // the job's own notes: those the collections path makes while reading and filtering
        m.put("warnings", r.warnings().stream().filter(w -> !w.contains(" not in the map") && !w.contains(" name no item"))
                .toList());
        m.put("timings_s", Map.of("read", 1.5, "cooccurrence", 10.2, "graph", 0.3, "write", 1.0));
        writeManifest(out, m);
        return out;
    }

    private static void writeManifest(Path out, Map<String, Object> manifest) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("_starmap.json").toFile(), manifest);
    }

    private static List<List<Object>> points(Atlas a) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = a.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM points ORDER BY row_idx")) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    row.add(rs.getObject(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "text ids: {0}")
    @ValueSource(booleans = {true, false})
    void the_imported_graph_gives_the_atlas_the_collections_give(boolean text) throws Exception {
        Reference ref = reference(text);
        assertThat(ref.report().graph().leftOut()).as("the planted odd items").isEqualTo(3);
        Path out = writeOutput(ref, "out", "false");
        assertThat(RelationsImporter.isPrecomputed(out)).isTrue();
        assertThat(RelationsImporter.isPrecomputed(ref.csv())).isFalse();

        Path atlas = dir.resolve("spark.duckdb");
        RelationsReport r = relate(options(atlas, out, ref.meta()));

        assertThat(r).usingRecursiveComparison().ignoringFields("atlas", "timings").isEqualTo(ref.report());
        assertThat(r.timings()).containsKeys("read", "cooccurrence", "graph", "write", "points", "store");
        try (Atlas a = Atlas.openReadOnly(atlas); Atlas b = Atlas.openReadOnly(ref.atlas())) {
            assertThat(a.knnGraphs().get(RelationsImporter.GRAPH)).isEqualTo(b.knnGraphs().get(RelationsImporter.GRAPH));
            KnnGraphInfo info = a.knnGraphs().info(RelationsImporter.GRAPH).orElseThrow();
            KnnGraphInfo expected = b.knnGraphs().info(RelationsImporter.GRAPH).orElseThrow();
            assertThat(info.metric()).isEqualTo(expected.metric()).isEqualTo("relations-log");
            Map<String, Object> parameters = new HashMap<>(info.parameters());
            assertThat(parameters.remove("engine")).isEqualTo("spark 4.2.0");
            assertThat(parameters.remove("master")).isEqualTo("local[2]");
            assertThat(parameters).isEqualTo(expected.parameters());
            assertThat(a.columns()).isEqualTo(b.columns());
            assertThat(a.column(ColumnRole.LABEL).map(ColumnInfo::name)).contains("category");
            assertThat(points(a)).isEqualTo(points(b)).hasSize(r.points());
            assertThat(a.sources().getFirst().path()).isEqualTo(out.toAbsolutePath().toString());
            assertThat(a.sources().getFirst().bytes()).isEqualTo(-1);
        }
    }

    @Test
    void a_wrong_manifest_or_a_missing_part_is_named() throws Exception {
        Reference ref = reference(true);
        Path out = writeOutput(ref, "out", "false");
        Path manifest = out.resolve("_starmap.json");
        Map<String, Object> m = JSON.readValue(manifest.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        Path atlas = dir.resolve("bad.duckdb");

        m.put("version", 2);
        writeManifest(out, m);
        assertThatThrownBy(() -> relate(options(atlas, out, ref.meta()))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(manifest.toString()).hasMessageContaining("version");

        m.put("version", 1);
        m.remove("points");
        writeManifest(out, m);
        assertThatThrownBy(() -> relate(options(atlas, out, ref.meta()))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(manifest.toString()).hasMessageContaining("\"points\" is missing");

        m.put("points", ref.report().points());
        writeManifest(out, m);
        Files.delete(out.resolve("items/part-0.parquet"));
        assertThatThrownBy(() -> relate(options(atlas, out, ref.meta()))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(out.resolve("items").toString()).hasMessageContaining("no .parquet files");

        assertThat(atlas).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".importing-"))).isEmpty();
        }
    }

    @Test
    void a_missing_neighbour_names_the_graph_row() throws Exception {
        Reference ref = reference(true);
        int last = ref.report().points() - 1;
        Map<String, Long> cases = new LinkedHashMap<>();
        cases.put("graph_row = 7 AND rank = 3", 7L);
        cases.put("graph_row = 0 AND rank = 0", 0L);
        cases.put("graph_row = " + last, (long) last);
        int i = 0;
        for (Map.Entry<String, Long> c : cases.entrySet()) {
            Path out = writeOutput(ref, "out" + i++, c.getKey());
            assertThatThrownBy(() -> relate(options(dir.resolve("bad.duckdb"), out, ref.meta()))).as(c.getKey())
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(out.resolve("neighbors") + ": graph_row " + c.getValue() + ": ")
                    .hasMessageContaining("k = " + K);
        }
    }
}
