/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import starmap.store.Atlas;
import starmap.store.relations.RelationsImporter;
import starmap.testkit.PlantedCollections;

/** {@code starmap relate} end to end on collections with planted communities, and its refusals. */
class RelateIT {
    @TempDir
    static Path dir;

    static PlantedCollections data;
    static Path atlas;
    static CliRun run;

    @BeforeAll
    static void relate() {
        // 2,000 items in 8 communities, 30 of them bridging communities 0 and 1
        data = PlantedCollections.generate(2000, 8, 12000, 8, 0.05, 30, 11);
        Path plays = data.writeCsv(dir.resolve("plays.csv"));
        Path items = data.writeItemsCsv(dir.resolve("items.csv"));
        atlas = dir.resolve("music.duckdb");
        run = CliRun.of("relate", plays.toString(), "--atlas", atlas.toString(), "--items", items.toString(), "--quiet");
    }

    private static Map<String, Double> metrics(String layout) {
        try (Atlas a = Atlas.openReadOnly(atlas)) {
            return a.layouts().manifest(layout).orElseThrow().metrics();
        }
    }

    @Test
    void one_command_takes_collections_to_2d_and_3d_maps_with_their_quality() {
        assertThat(run.exit()).as(run.err()).isZero();
        long items = java.util.Arrays.stream(data.item()).distinct().count();
        assertThat(run.out()).contains(String.format("Read %,d rows: %,d items; %,d items in the map", data.rows(), items,
                        items))
                .contains("mde-4d").contains("tsne-2d").contains("tsne-3d").contains("graph@15").contains("edge len");
        try (Atlas a = Atlas.openReadOnly(atlas)) {
            assertThat(a.pointCount()).isEqualTo((int) items);
            assertThat(a.knnGraphs().info(RelationsImporter.GRAPH).orElseThrow().k()).isEqualTo(15);
            assertThat(a.layouts().manifest("tsne-2d").orElseThrow().parameters()).containsEntry("from", "mde-4d");
            assertThat(a.layouts().manifest("tsne-3d").orElseThrow().dimension()).isEqualTo(3);
        }
        for (String layout : List.of("mde-4d", "tsne-2d", "tsne-3d")) {
            Map<String, Double> m = metrics(layout);
            assertThat(m.get("label_accuracy@10")).as(layout + " " + m).isGreaterThanOrEqualTo(0.9);
            // graph neighbours inside a planted community are drawn at random, so a perfect map keeps few of
            // them; picking 15 of the ~250 members at random would keep 0.06
            assertThat(m.get("graph_neighbors@15")).as(layout).isGreaterThan(0.08);
            assertThat(m.get("edge_length")).as(layout).isLessThan(0.5);
        }
    }

    @Test
    void the_averager_of_two_communities_returns_the_items_bridging_them() {
        // i40 is in community 0 (40 % 8), i41 in community 1
        CliRun near = CliRun.of("query", atlas.toString(), "--near", "i40", "--k", "10", "--space", "mde-4d");
        assertThat(near.exit()).as(near.err()).isZero();
        assertThat(bridges(near.out())).isLessThanOrEqualTo(2);
        CliRun between = CliRun.of("query", atlas.toString(), "--between", "i40", "i41", "--k", "10");
        assertThat(between.exit()).as(between.err()).isZero();
        assertThat(between.out()).contains("mde-4d");
        assertThat(bridges(between.out())).as(between.out()).isGreaterThanOrEqualTo(6);
    }

    /** Result rows whose id is a bridge item (i0 … i29). */
    private static long bridges(String out) {
        return out.lines().map(String::trim).filter(l -> l.matches("\\d+\\s+i\\d+.*"))
                .map(l -> Integer.parseInt(l.split("\\s+")[1].substring(1))).filter(i -> i < 30).count();
    }

    @Test
    void each_step_runs_alone_and_node2vec_chains_into_umap() {
        Path plays = dir.resolve("plays.csv");
        Path graph = dir.resolve("steps.duckdb");
        CliRun relate = CliRun.of("relate", plays.toString(), "--atlas", graph.toString(), "--embed", "none", "--quiet");
        assertThat(relate.exit()).as(relate.err()).isZero();
        assertThat(relate.out()).contains("Next: starmap embed");
        CliRun n2v = CliRun.of("embed", graph.toString(), "--method", "node2vec", "--dim", "8", "--quiet");
        assertThat(n2v.exit()).as(n2v.err()).isZero();
        assertThat(n2v.out()).contains("node2vec-8d").contains("graph    neighbours kept@15");
        CliRun umap = CliRun.of("embed", graph.toString(), "--method", "umap", "--from", "node2vec-8d", "--quiet");
        assertThat(umap.exit()).as(umap.err()).isZero();
        CliRun tsne = CliRun.of("embed", graph.toString(), "--method", "tsne", "--quiet");
        assertThat(tsne.err()).contains("has no vectors").contains("--from");
    }

    @Test
    void bad_input_is_refused_by_file_row_and_parameter() throws Exception {
        Path neg = Files.writeString(dir.resolve("neg.csv"), "user,item,weight\nu1,a,1\nu1,b,2\nu2,a,-3\n");
        CliRun r = CliRun.of("relate", neg.toString(), "--atlas", dir.resolve("neg.duckdb").toString(), "--quiet");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("neg.csv").contains("row 3").contains("weight").contains(">= 0");
        assertThat(dir.resolve("neg.duckdb")).doesNotExist();

        Path blank = Files.writeString(dir.resolve("blank.csv"), "user,item\nu1,a\nu1,b\nu2,\nu2,c\n");
        assertThat(CliRun.of("relate", blank.toString(), "--atlas", dir.resolve("b.duckdb").toString()).err())
                .contains("blank.csv").contains("row 3").contains("item").contains("every row needs an item");

        Path empty = Files.writeString(dir.resolve("empty.csv"), "user,item\n");
        assertThat(CliRun.of("relate", empty.toString(), "--atlas", dir.resolve("e.duckdb").toString()).err())
                .contains("has no rows");

        Path few = Files.writeString(dir.resolve("few.csv"), "user,item\nu1,a\nu1,b\nu1,c\n");
        assertThat(CliRun.of("relate", few.toString(), "--atlas", dir.resolve("f.duckdb").toString()).err())
                .contains("k").contains("less than the number of items (3)");

        Path missing = dir.resolve("nope.csv");
        assertThat(CliRun.of("relate", missing.toString(), "--atlas", dir.resolve("m.duckdb").toString()).err())
                .contains("nope.csv does not exist");
    }

    @Test
    void singletons_self_loops_isolated_items_and_unknown_metadata_are_reported() throws Exception {
        StringBuilder edges = new StringBuilder("source,target\n");
        for (int i = 0; i < 40; i++) {
            for (int j = 1; j <= 3; j++) {
                edges.append('n').append(i).append(",n").append((i + j) % 40).append('\n');
            }
        }
        edges.append("n0,n0\nlonely,lonely\npair1,pair2\n");
        Path file = Files.writeString(dir.resolve("edges.csv"), edges.toString());
        Path meta = Files.writeString(dir.resolve("meta.csv"), "id,category\nn1,x\nghost,y\n");
        CliRun r = CliRun.of("relate", file.toString(), "--edges", "--atlas", dir.resolve("edges.duckdb").toString(),
                "--items", meta.toString(), "--k", "5", "--embed", "none", "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("skipped 2 edges from an item to itself")
                .contains("3 items are not in the map: 1 share no")
                .contains("2 are in groups of at most k = 5")
                .contains("1 rows of meta.csv name no item of the map").contains("'ghost'");

        Path colls = Files.writeString(dir.resolve("colls.csv"), "user,item\nu1,a\nu1,b\nu1,c\nu2,a\nu3,b\nu3,c\nu3,d\n");
        CliRun c = CliRun.of("relate", colls.toString(), "--atlas", dir.resolve("c.duckdb").toString(), "--k", "2",
                "--embed", "none", "--quiet");
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).contains("1 collections hold a single (kept) item");
    }
}
