/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import starmap.core.StarmapException;
import starmap.core.layout.Embedding;
import starmap.store.Atlas;

/** The HTTP API against a real server on 127.0.0.1 over a real atlas file. */
class ServerApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static StarmapServer server;
    private static String base;

    @BeforeAll
    static void start() {
        server = StarmapServer.start(StarmapServer.Options.local(Map.of("shapes", TestAtlas.path()), 0));
        base = "http://127.0.0.1:" + server.port() + "/api/";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void atlases_list_their_layouts_columns_and_graphs() throws Exception {
        JsonNode a = json("atlases").get(0);
        assertThat(a.get("name").asText()).isEqualTo("shapes");
        assertThat(a.get("points").asInt()).isEqualTo(TestAtlas.N);
        assertThat(a.get("layouts").findValuesAsText("name")).containsExactlyInAnyOrder("tsne-2d", "tsne-3d", "pca-2d");
        assertThat(a.get("label").asText()).isEqualTo("label");
        assertThat(a.get("images").asText()).contains("8×8");
        assertThat(a.get("graphs").size()).isEqualTo(1);
        assertThat(json("atlases/shapes").get("points").asInt()).isEqualTo(TestAtlas.N);
    }

    @Test
    void positions_are_quantised_to_two_bytes_per_coordinate_gzipped_and_cached() throws Exception {
        HttpResponse<byte[]> plain = get("atlases/shapes/layouts/tsne-2d/positions");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).hasSize(TestAtlas.N * 2 * 2);
        assertThat(plain.headers().firstValue("X-Starmap-Dimension")).contains("2");
        double[] bounds = JSON.readValue(plain.headers().firstValue("X-Starmap-Bounds").orElseThrow(), double[].class);
        Embedding truth;
        try (Atlas a = Atlas.openReadOnly(TestAtlas.path())) {
            truth = a.layouts().get("tsne-2d").coordinates();
        }
        ByteBuffer b = ByteBuffer.wrap(plain.body()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < TestAtlas.N; i++) {
            for (int axis = 0; axis < 2; axis++) {
                double lo = bounds[2 * axis];
                double span = bounds[2 * axis + 1] - lo;
                double v = lo + (b.getShort() & 0xFFFF) / 65535.0 * span;
                assertThat(v).isCloseTo(truth.get(i, axis), org.assertj.core.data.Offset.offset(span / 65535));
            }
        }
        HttpResponse<byte[]> gz = get("atlases/shapes/layouts/tsne-2d/positions", "Accept-Encoding", "gzip");
        // gzip is used only when it makes them smaller, which depends on the layout
        byte[] unzipped = gz.headers().firstValue("Content-Encoding").isPresent()
                ? new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes() : gz.body();
        assertThat(unzipped).isEqualTo(plain.body());
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertThat(get("atlases/shapes/layouts/tsne-2d/positions", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get("atlases/shapes/layouts/tsne-2d/positions", "If-None-Match", "\"x\", W/" + etag).statusCode())
                .isEqualTo(304);
        // codes compress well: their gzip form is a representation of its own, with its own tag
        HttpResponse<byte[]> codes = get("atlases/shapes/columns/label/codes");
        HttpResponse<byte[]> gzCodes = get("atlases/shapes/columns/label/codes", "Accept-Encoding", "gzip");
        assertThat(gzCodes.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzCodes.body())).readAllBytes()).isEqualTo(codes.body());
        String codesTag = codes.headers().firstValue("ETag").orElseThrow();
        assertThat(gzCodes.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(codesTag);
        assertThat(get("atlases/shapes/columns/label/codes", "Accept-Encoding", "gzip", "If-None-Match", codesTag)
                .statusCode()).isEqualTo(200);
        assertThat(get("atlases/shapes/columns/label/codes", "Accept-Encoding", "gzip;q=0").headers()
                .firstValue("Content-Encoding")).isEmpty();
        HttpResponse<byte[]> f32 = get("atlases/shapes/layouts/tsne-3d/positions?encoding=f32");
        assertThat(f32.body()).hasSize(TestAtlas.N * 3 * 4);
        assertThat(f32.headers().firstValue("ETag")).isNotEqualTo(Optional.of(etag));
    }

    @Test
    void a_categorical_column_is_one_byte_per_point_with_its_dictionary() throws Exception {
        JsonNode meta = json("atlases/shapes/columns/label");
        assertThat(meta.get("kind").asText()).isEqualTo("category");
        byte[] codes = get("atlases/shapes/columns/label/codes").body();
        assertThat(codes).hasSize(TestAtlas.N);
        int[] labels = TestAtlas.labels();
        long total = 0;
        for (int k = 0; k < meta.get("dictionary").size(); k++) {
            total += meta.get("counts").get(k).asLong();
        }
        assertThat(total).isEqualTo(TestAtlas.N);
        for (int i = 0; i < TestAtlas.N; i++) {
            String value = meta.get("dictionary").get(codes[i] & 0xFF).asText();
            assertThat(value).isEqualTo(TestAtlas.CLASSES.get(labels[i]));
        }
    }

    @Test
    void records_pages_neighbours_images_and_search() throws Exception {
        JsonNode rec = json("atlases/shapes/points/17");
        assertThat(rec.get("id").asText()).isEqualTo("17");
        assertThat(rec.get("fields").get("label").asText()).isEqualTo(TestAtlas.CLASSES.get(TestAtlas.labels()[17]));
        JsonNode page = json("atlases/shapes/points?offset=590&limit=50");
        assertThat(page.get("total").asInt()).isEqualTo(TestAtlas.N);
        assertThat(page.get("points").size()).isEqualTo(10);
        JsonNode nb = json("atlases/shapes/points/17/neighbors?k=5").get("neighbors");
        assertThat(nb.size()).isEqualTo(5);
        for (JsonNode n : nb) {
            assertThat(TestAtlas.labels()[n.get("row").asInt()]).isEqualTo(TestAtlas.labels()[17]);
        }
        HttpResponse<byte[]> img = get("atlases/shapes/points/17/image");
        assertThat(img.headers().firstValue("Content-Type")).contains("image/png");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(img.body()));
        assertThat(png.getWidth()).isEqualTo(TestAtlas.SIDE);
        assertThat(png.getHeight()).isEqualTo(TestAtlas.SIDE);
        JsonNode byId = json("atlases/shapes/search?q=17").get("matches");
        assertThat(byId.get(0).get("row").asInt()).isEqualTo(17);
        JsonNode byLabel = json("atlases/shapes/search?q=BEE&limit=200").get("matches");
        assertThat(byLabel.size()).isGreaterThan(0);
        byLabel.forEach(m -> assertThat(m.get("label").asText()).isEqualTo("bee"));
    }

    @Test
    void unknown_names_are_404_and_malformed_parameters_400_with_a_json_error() throws Exception {
        Map<String, Integer> cases = Map.of(
                "atlases/nope", 404,
                "atlases/shapes/layouts/nope/positions", 404,
                "atlases/shapes/columns/nope", 404,
                "atlases/shapes/points/600", 404,
                "atlases/shapes/points/abc", 400,
                "atlases/shapes/points?limit=0", 400,
                "atlases/shapes/layouts/tsne-2d/positions?encoding=png", 400,
                "atlases/shapes/search?q=", 400,
                "nothing/here", 404);
        for (var c : cases.entrySet()) {
            HttpResponse<byte[]> r = get(c.getKey());
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(c.getValue());
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("status").asInt()).isEqualTo(c.getValue());
            assertThat(body.get("error").asText()).as(c.getKey()).isNotBlank();
        }
        assertThat(JSON.readTree(get("atlases/shapes/columns/nope").body()).get("error").asText())
                .isEqualTo("no column named 'nope'");
    }

    @Test
    void a_non_local_bind_needs_a_token_and_the_token_guards_the_api() throws Exception {
        assertThatThrownBy(() -> new StarmapServer.Options(Map.of("shapes", TestAtlas.path()), "0.0.0.0", 0,
                Optional.empty())).isInstanceOf(StarmapException.class).hasMessageContaining("without an access token");
        try (StarmapServer guarded = StarmapServer.start(new StarmapServer.Options(Map.of("shapes", TestAtlas.path()),
                "127.0.0.1", 0, Optional.of("s3cret")))) {
            String url = "http://127.0.0.1:" + guarded.port() + "/api/atlases";
            assertThat(status(url, null)).isEqualTo(401);
            assertThat(status(url, "Bearer wrong")).isEqualTo(401);
            assertThat(status(url, "Bearer s3cret")).isEqualTo(200);
            assertThat(status(url + "?token=s3cret", null)).isEqualTo(200);
            assertThat(guarded.url()).endsWith("/?token=s3cret");
        }
    }

    @Test
    void without_a_token_only_requests_naming_this_machine_reach_the_api() throws Exception {
        assertThat(rawStatus("127.0.0.1:" + server.port())).isEqualTo(200);
        assertThat(rawStatus("localhost:" + server.port())).isEqualTo(200);
        // a page whose DNS name was rebound to 127.0.0.1 still sends its own name
        assertThat(rawStatus("attacker.example:" + server.port())).isEqualTo(403);
    }

    /** GET /api/atlases over a plain socket, with the Host header given (HttpClient will not set it). */
    private static int rawStatus(String host) throws IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET /api/atlases HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static int status(String url, String auth) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void binaries_go_out_as_brotli_when_the_client_accepts_it() throws Exception {
        assertThat(Blob.BROTLI).as("brotli4j's native library loads on this platform").isTrue();
        byte[] plain = get("atlases/shapes/columns/label/codes").body();
        HttpResponse<byte[]> br = get("atlases/shapes/columns/label/codes", "Accept-Encoding", "gzip, deflate, br");
        assertThat(br.headers().firstValue("Content-Encoding")).contains("br");
        assertThat(br.headers().firstValue("ETag").orElseThrow()).endsWith("-br\"");
        assertThat(com.aayushatharva.brotli4j.decoder.Decoder.decompress(br.body()).getDecompressedData())
                .isEqualTo(plain);
        assertThat(get("atlases/shapes/columns/label/codes", "Accept-Encoding", "br;q=0, gzip").headers()
                .firstValue("Content-Encoding")).contains("gzip");
        assertThat(StarmapServer.accepts("*;q=0.5", "br")).isTrue();
        assertThat(StarmapServer.accepts("gzip, *;q=0", "br")).isFalse();
        assertThat(StarmapServer.accepts("br;q=0, *", "br")).isFalse();
    }

    @Test
    void a_graph_comes_in_chunks_of_each_undirected_edge_once() throws Exception {
        String graph = json("atlases/shapes").get("graphs").get(0).asText();
        HttpResponse<byte[]> r = get("atlases/shapes/graphs/" + graph + "/edges?chunk=0");
        assertThat(r.statusCode()).isEqualTo(200);
        int total = Integer.parseInt(r.headers().firstValue("X-Starmap-Edges").orElseThrow());
        int k = Integer.parseInt(r.headers().firstValue("X-Starmap-K").orElseThrow());
        assertThat(r.headers().firstValue("X-Starmap-Chunks")).contains("1");
        assertThat(r.body()).hasSize(total * 8);
        java.util.Set<Long> got = new java.util.HashSet<>();
        ByteBuffer b = ByteBuffer.wrap(r.body()).order(ByteOrder.LITTLE_ENDIAN);
        for (int e = 0; e < total; e++) {
            int i = b.getInt();
            int j = b.getInt();
            assertThat(i).isLessThan(j);
            assertThat(got.add((long) i * TestAtlas.N + j)).as("edge %d-%d once", i, j).isTrue();
        }
        java.util.Set<Long> want = new java.util.HashSet<>();
        try (Atlas a = Atlas.openReadOnly(TestAtlas.path())) {
            starmap.core.graph.KnnGraph g = a.knnGraphs().get(graph);
            for (int i = 0; i < g.size(); i++) {
                for (int jj = 0; jj < k; jj++) {
                    int j = g.neighbor(i, jj);
                    want.add((long) Math.min(i, j) * TestAtlas.N + Math.max(i, j));
                }
            }
        }
        assertThat(got).isEqualTo(want);
        assertThat(get("atlases/shapes/graphs/" + graph + "/edges?chunk=1").statusCode()).isEqualTo(404);
        assertThat(get("atlases/shapes/graphs/nope/edges").statusCode()).isEqualTo(404);
    }

    private static HttpResponse<byte[]> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void a_list_of_ids_resolves_to_rows_with_the_edges_among_them() throws Exception {
        // ids of the IDX import are the row numbers; rows 0..39 include neighbours of each other
        StringBuilder ids = new StringBuilder("{\"ids\": [\"nope\"");
        for (int i = 0; i < 40; i++) {
            ids.append(", \"").append(i).append('"');
        }
        ids.append(", \"3\"]}");
        HttpResponse<byte[]> r = post("atlases/shapes/lookup", ids.toString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode m = JSON.readTree(r.body());
        assertThat(m.get("rows").size()).isEqualTo(40);
        assertThat(m.get("unknownCount").asInt()).isEqualTo(1);
        assertThat(m.get("unknown").get(0).asText()).isEqualTo("nope");
        JsonNode edges = m.get("edges");
        assertThat(edges.size()).isPositive().isEven();
        int[] labels = TestAtlas.labels();
        int same = 0;
        for (int e = 0; e < edges.size(); e += 2) {
            assertThat(edges.get(e).asInt()).isBetween(0, 39);
            assertThat(edges.get(e + 1).asInt()).isBetween(0, 39);
            same += labels[edges.get(e).asInt()] == labels[edges.get(e + 1).asInt()] ? 1 : 0;
        }
        // kNN edges join points of one class
        assertThat(same).isEqualTo(edges.size() / 2);
        assertThat(post("atlases/shapes/lookup", "[1,2]").statusCode()).isEqualTo(400);
        assertThat(post("atlases/shapes/lookup", "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void importance_ranks_every_point_and_names_label_them() throws Exception {
        HttpResponse<byte[]> r = get("atlases/shapes/importance");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSize(TestAtlas.N);
        assertThat(r.headers().firstValue("X-Starmap-Importance").orElseThrow()).startsWith("in-degree:");
        int max = 0;
        int min = 255;
        for (byte v : r.body()) {
            max = Math.max(max, v & 0xFF);
            min = Math.min(min, v & 0xFF);
        }
        assertThat(min).isZero();
        assertThat(max).isGreaterThan(250);
        assertThat(get("atlases/shapes/importance?column=label").statusCode()).isEqualTo(400);
        assertThat(get("atlases/shapes/importance?column=nope").statusCode()).isEqualTo(404);
        JsonNode names = json("atlases/shapes/names?rows=5,7");
        assertThat(names.get("names").get(0).asText()).isEqualTo("5");
        assertThat(names.get("names").get(1).asText()).isEqualTo("7");
        assertThat(get("atlases/shapes/names?rows=5,x").statusCode()).isEqualTo(400);
        assertThat(get("atlases/shapes/names?rows=600").statusCode()).isEqualTo(404);
    }

    @Test
    void vector_queries_answer_by_id() throws Exception {
        JsonNode near = json("atlases/shapes/query?op=near&a=5&k=5");
        assertThat(near.get("hits").size()).isEqualTo(5);
        int[] labels = TestAtlas.labels();
        for (JsonNode h : near.get("hits")) {
            assertThat(labels[h.get("row").asInt()]).isEqualTo(labels[5]);
            assertThat(h.get("id").asText()).isEqualTo(h.get("row").asText());
        }
        assertThat(json("atlases/shapes/query?op=between&a=1&b=2&k=3&metric=cosine").get("hits").size()).isEqualTo(3);
        assertThat(json("atlases/shapes/query?op=analogy&a=1&b=2&c=3").get("hits").size()).isEqualTo(10);
        assertThat(get("atlases/shapes/query?op=near&a=nope").statusCode()).isEqualTo(404);
        assertThat(get("atlases/shapes/query?op=between&a=1").statusCode()).isEqualTo(400);
        assertThat(get("atlases/shapes/query?op=dance&a=1").statusCode()).isEqualTo(400);
        assertThat(get("atlases/shapes/query?op=near&a=1&metric=inner_product").statusCode()).isEqualTo(400);
    }

    @Test
    void the_viewer_is_served_at_the_root() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<canvas id=\"map\"");
    }
}
