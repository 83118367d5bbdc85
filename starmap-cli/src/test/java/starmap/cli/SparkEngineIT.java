/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import starmap.store.Atlas;
import starmap.store.relations.RelationsImporter;
import starmap.testkit.PlantedCollections;

/**
 * {@code starmap relate --engine spark}: the Spark job in its own JVM (local mode), its output imported;
 * the atlas equals the one the local engine makes from the same file and options.
 */
class SparkEngineIT {
    @TempDir
    Path dir;

    @Test
    void the_spark_engine_makes_the_local_engines_atlas() throws Exception {
        // string ids ("u17", "i42"), item metadata, filtering, giant collections split, PPMI
        PlantedCollections data = PlantedCollections.generate(1500, 6, 6000, 8, 0.1, 20, 5);
        Path plays = data.writeCsv(dir.resolve("plays.csv"));
        Path items = data.writeItemsCsv(dir.resolve("items.csv"));
        List<String> common = List.of("--items", items.toString(), "--min-count", "3", "--max-items", "1400",
                "--max-collection", "10", "--transform", "ppmi", "--k", "12", "--embed", "none", "--quiet");
        Path local = dir.resolve("local.duckdb");
        CliRun a = CliRun.of(args(plays, local, common, List.of()));
        assertThat(a.exit()).as(a.err()).isZero();
        Path spark = dir.resolve("spark.duckdb");
        CliRun b = CliRun.of(args(plays, spark, common, List.of("--engine", "spark", "--threads", "2")));
        assertThat(b.exit()).as(b.err()).isZero();
        assertThat(b.err()).contains("starmap-spark:").contains("co-occurrence");
        assertThat(b.out()).contains("Read " + String.format("%,d", data.rows()) + " rows");
        assertThat(dir).isDirectoryNotContaining("glob:**.spark-*");
        try (Atlas x = Atlas.openReadOnly(local); Atlas y = Atlas.openReadOnly(spark)) {
            assertThat(y.knnGraphs().get(RelationsImporter.GRAPH)).isEqualTo(x.knnGraphs().get(RelationsImporter.GRAPH));
            assertThat(y.knnGraphs().info(RelationsImporter.GRAPH).orElseThrow().parameters())
                    .containsEntry("engine", "spark 4.2.0").containsEntry("non_zeros",
                            x.knnGraphs().info(RelationsImporter.GRAPH).orElseThrow().parameters().get("non_zeros"));
            assertThat(rows(y)).isEqualTo(rows(x)).hasSizeGreaterThan(1000);
        }
        // the output kept with --spark-out imports again, without Spark
        Path out = dir.resolve("graph-out");
        CliRun c = CliRun.of(args(plays, dir.resolve("kept.duckdb"), common, List.of("--engine", "spark", "--threads", "2",
                "--spark-out", out.toString())));
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(out.resolve("_starmap.json")).exists();
        CliRun d = CliRun.of("relate", out.toString(), "--atlas", dir.resolve("again.duckdb").toString(), "--items",
                items.toString(), "--embed", "none", "--quiet");
        assertThat(d.exit()).as(d.err()).isZero();
        try (Atlas x = Atlas.openReadOnly(local); Atlas y = Atlas.openReadOnly(dir.resolve("again.duckdb"))) {
            assertThat(y.knnGraphs().get(RelationsImporter.GRAPH)).isEqualTo(x.knnGraphs().get(RelationsImporter.GRAPH));
        }
    }

    @Test
    void spark_options_are_refused_where_they_do_not_apply() throws Exception {
        Path edges = Files.writeString(dir.resolve("edges.csv"), "a,b\n1,2\n");
        CliRun r = CliRun.of("relate", edges.toString(), "--edges", "--engine", "spark", "--atlas",
                dir.resolve("e.duckdb").toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--engine").contains("edge list");
        r = CliRun.of("relate", edges.toString(), "--master", "spark://h:7077", "--atlas", dir.resolve("m.duckdb").toString());
        assertThat(r.err()).contains("--master").contains("only applies with --engine spark");
        r = CliRun.of("relate", edges.toString(), "--engine", "flink", "--atlas", dir.resolve("f.duckdb").toString());
        assertThat(r.err()).contains("expected local or spark");
        r = CliRun.of("relate", edges.toString(), "--engine", "spark", "--master", "spark://h:7077", "--atlas",
                dir.resolve("c.duckdb").toString());
        assertThat(r.err()).contains("--spark-out");
        // an existing atlas is refused before the job runs, not after
        Path existing = Files.writeString(dir.resolve("there.duckdb"), "");
        r = CliRun.of("relate", edges.toString(), "--engine", "spark", "--atlas", existing.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("there.duckdb").doesNotContain("starmap-spark:");
    }

    private static String[] args(Path input, Path atlas, List<String> common, List<String> more) {
        List<String> a = new ArrayList<>(List.of("relate", input.toString(), "--atlas", atlas.toString()));
        a.addAll(common);
        a.addAll(more);
        return a.toArray(String[]::new);
    }

    private static List<List<Object>> rows(Atlas a) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (Statement s = a.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM points ORDER BY row_idx")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    row.add(rs.getObject(c));
                }
                out.add(row);
            }
        }
        return out;
    }
}
