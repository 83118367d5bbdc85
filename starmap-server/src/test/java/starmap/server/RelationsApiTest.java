/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.mde.MdeParams;
import starmap.core.layout.node2vec.Node2VecParams;
import starmap.core.layout.tsne.TsneParams;
import starmap.core.layout.umap.UmapParams;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.store.Atlas;
import starmap.store.layouts.EmbedRequest;
import starmap.store.layouts.Embedder;
import starmap.store.relations.RelationsImporter;
import starmap.store.relations.RelationsOptions;
import starmap.testkit.PlantedCollections;

/** An atlas of relations over HTTP: its graph, its layouts (the 4-D one too) and queries in that space. */
class RelationsApiTest {
    @TempDir
    static Path dir;

    static StarmapServer server;
    static String base;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        PlantedCollections data = PlantedCollections.generate(400, 4, 3000, 6, 0.05, 0, 3);
        Path atlas = dir.resolve("rel.duckdb");
        RelationsOptions o = RelationsOptions.collections(atlas, data.writeCsv(dir.resolve("plays.csv")));
        try (Parallel par = Parallel.of(2)) {
            RelationsImporter.run(o, par, Progress.NONE);
            try (Atlas a = Atlas.open(atlas)) {
                Embedder.run(a, new EmbedRequest(EmbedRequest.Method.MDE, Optional.empty(), TsneParams.DEFAULTS,
                        UmapParams.DEFAULTS, true, false, Optional.empty(), MdeParams.DEFAULTS.withDimensions(4),
                        Node2VecParams.DEFAULTS), LayoutContext.quiet(par));
                // a map chained from it stores its own kNN graph (in the 4-D space) beside the relation graph
                Embedder.run(a, new EmbedRequest(EmbedRequest.Method.TSNE, Optional.empty(), TsneParams.DEFAULTS,
                        UmapParams.DEFAULTS, false, false, Optional.of("mde-4d")), LayoutContext.quiet(par));
            }
        }
        server = StarmapServer.start(StarmapServer.Options.local(Map.of("rel", atlas), 0));
        base = "http://127.0.0.1:" + server.port() + "/api/";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void the_atlas_lists_its_graph_and_its_graph_embedding() throws Exception {
        JsonNode atlas = json("atlases").get(0);
        assertThat(atlas.get("vectorDimension").isNull()).isTrue();
        assertThat(atlas.get("layouts").get(0).get("name").asText()).isEqualTo("mde-4d");
        assertThat(atlas.get("layouts").get(0).get("metrics").has("graph_neighbors@15")).isTrue();
        assertThat(atlas.get("graphs").size()).isEqualTo(2);
        assertThat(atlas.get("graphs").get(0).asText()).as("the viewer draws the first").isEqualTo("relations");
    }

    @Test
    void a_points_neighbours_come_from_the_relation_graph() throws Exception {
        JsonNode r = json("atlases/rel/points/0/neighbors?k=5");
        assertThat(r.get("graph").asText()).isEqualTo("relations");
        assertThat(r.get("neighbors").size()).isEqualTo(5);
    }

    @Test
    void queries_run_in_the_widest_layout_when_there_are_no_vectors() throws Exception {
        JsonNode r = json("atlases/rel/query?op=near&a=i0&k=5");
        assertThat(r.get("space").asText()).isEqualTo("mde-4d");
        assertThat(r.get("hits").size()).isEqualTo(5);
        // item i0 is in community 0 (0 % 4): its nearest are too
        for (JsonNode h : r.get("hits")) {
            assertThat(Integer.parseInt(h.get("id").asText().substring(1)) % 4).as(r.toString()).isZero();
        }
    }
}
