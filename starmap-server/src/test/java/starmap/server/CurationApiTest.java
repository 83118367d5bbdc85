/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import starmap.core.layout.Embedding;
import starmap.store.Atlas;
import starmap.store.annotations.Annotation;

/** Selection, annotation and export over HTTP, on a writable copy of a real atlas. */
class CurationApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private Path atlas;
    private StarmapServer server;

    @BeforeEach
    void start() throws Exception {
        atlas = Files.copy(TestAtlas.path(), dir.resolve("shapes.duckdb"));
        server = StarmapServer.start(StarmapServer.Options.localWritable(Map.of("shapes", atlas), 0));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<byte[]> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/atlases/shapes/"
                + path)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode ok(String method, String path, String body) throws Exception {
        HttpResponse<byte[]> r = call(method, path, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + new String(r.body())).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static long count(Path atlas, String sql) throws Exception {
        try (Atlas a = Atlas.openReadOnly(atlas); Statement s = a.connection().createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void a_filter_selects_what_the_same_query_in_duckdb_selects() throws Exception {
        JsonNode r = ok("POST", "select", "{\"filter\": [{\"column\": \"label\", \"in\": [\"bee\", \"dog\"]}], "
                + "\"withRows\": true}");
        JsonNode none = ok("POST", "select", "{\"filter\": [{\"column\": \"label\", \"in\": [\"bee\"], \"not\": true},"
                + " {\"column\": \"label\", \"contains\": \"O\"}]}");
        server.close();
        server = null;
        assertThat(r.get("count").asLong()).isEqualTo(count(atlas, "SELECT count(*) FROM points WHERE label IN ('bee', 'dog')"))
                .isEqualTo(300);
        assertThat(none.get("count").asLong()).isEqualTo(count(atlas,
                "SELECT count(*) FROM points WHERE label <> 'bee' AND label ILIKE '%o%'"));
        // the bitmap and the rows say the same
        byte[] bits = java.util.Base64.getDecoder().decode(r.get("bitmap").asText());
        assertThat(bits).hasSize((TestAtlas.N + 7) / 8);
        java.util.BitSet set = java.util.BitSet.valueOf(bits);
        List<Integer> rows = new ArrayList<>();
        r.get("rows").forEach(n -> rows.add(n.asInt()));
        assertThat(set.stream().boxed().toList()).isEqualTo(rows);
    }

    @Test
    void a_polygon_selects_the_points_drawn_inside_it() throws Exception {
        Embedding e;
        try (Atlas a = Atlas.openReadOnly(TestAtlas.path())) {
            e = a.layouts().get("tsne-2d").coordinates();
        }
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        for (int i = 0; i < e.size(); i++) {
            lo = Math.min(lo, e.get(i, 0));
            hi = Math.max(hi, e.get(i, 0));
        }
        // a matrix that takes x to itself and y to itself: the polygon is in layout coordinates, left of mid
        double mid = (lo + hi) / 2;
        String identity = "[1,0,0,0, 0,1,0,0, 0,0,1,0, 0,0,0,1]";
        String left = "[[-1e6,-1e6],[" + mid + ",-1e6],[" + mid + ",1e6],[-1e6,1e6]]";
        JsonNode r = ok("POST", "select", "{\"layout\": \"tsne-2d\", \"matrix\": " + identity + ", \"polygon\": "
                + left + "}");
        int expected = 0;
        int near = 0;
        for (int i = 0; i < e.size(); i++) {
            expected += e.get(i, 0) < mid ? 1 : 0;
            near += Math.abs(e.get(i, 0) - mid) < (hi - lo) / 30000 ? 1 : 0;
        }
        assertThat(r.get("count").asInt()).isBetween(expected - near, expected + near);
        assertThat(ok("POST", "select", "{\"layout\": \"tsne-2d\", \"matrix\": " + identity
                + ", \"polygon\": [[-1e6,-1e6],[1e6,-1e6],[1e6,1e6],[-1e6,1e6]]}").get("count").asInt()).isEqualTo(TestAtlas.N);
        assertThat(call("POST", "select", "{\"layout\": \"nope\", \"matrix\": " + identity + ", \"polygon\": " + left + "}")
                .statusCode()).isEqualTo(404);
        assertThat(call("POST", "select", "{\"layout\": \"tsne-2d\", \"matrix\": [1,2], \"polygon\": " + left + "}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void a_relabel_survives_a_restart_and_undo_and_redo_follow_the_log() throws Exception {
        JsonNode r = ok("POST", "annotations", "{\"action\": \"relabel\", \"value\": \"wasp\", \"rows\": [1, 2, 3], "
                + "\"author\": \"ana\", \"note\": \"look closer\"}");
        long seq = r.get("seq").asLong();
        assertThat(r.get("count").asInt()).isEqualTo(3);
        ok("POST", "annotations", "{\"action\": \"tag\", \"value\": \"blurry\", \"filter\": [{\"column\": \"label\", "
                + "\"in\": [\"ant\"]}]}");
        server.close();
        server = StarmapServer.start(StarmapServer.Options.localWritable(Map.of("shapes", atlas), 0));
        JsonNode state = ok("GET", "state", null);
        assertThat(state.get("labels").get("wasp").toString()).isEqualTo("[1,2,3]");
        assertThat(state.get("tags").get("blurry").size()).isEqualTo(150);
        // the relabel is a filterable state
        assertThat(ok("POST", "select", "{\"filter\": [{\"state\": \"label\", \"in\": [\"wasp\"]}]}").get("count").asInt())
                .isEqualTo(3);
        ok("POST", "annotations/" + seq + "/undo", "{\"author\": \"ana\"}");
        assertThat(ok("GET", "state", null).get("labels").has("wasp")).isFalse();
        JsonNode history = ok("GET", "annotations", null);
        assertThat(history.get("entries").get(0).get("inEffect").asBoolean()).isFalse();
        assertThat(history.get("entries").get(0).get("note").asText()).isEqualTo("look closer");
        assertThat(call("POST", "annotations/" + seq + "/undo", null).statusCode()).isEqualTo(409);
        ok("POST", "annotations/" + seq + "/redo", null);
        assertThat(ok("GET", "state", null).get("labels").get("wasp").size()).isEqualTo(3);
        long version = ok("GET", "annotations", null).get("version").asLong();
        assertThat(ok("GET", "annotations?after=" + version, null).get("entries").size()).isZero();
    }

    @Test
    void exports_hold_the_edits_and_a_diff_only_what_changed() throws Exception {
        long first = ok("POST", "annotations", "{\"action\": \"delete\", \"rows\": [5]}").get("seq").asLong();
        ok("POST", "annotations", "{\"action\": \"relabel\", \"value\": \"moth\", \"ids\": [\"7\", \"8\"]}");
        HttpResponse<byte[]> csv = call("GET", "export?format=csv&layout=tsne-2d", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines = new String(csv.body()).lines().toList();
        assertThat(lines).hasSize(TestAtlas.N + 1);
        assertThat(lines.getFirst()).endsWith("current_label,tags,deleted,x,y");
        assertThat(lines.get(1 + 7)).contains(",moth,");
        assertThat(lines.get(1 + 5)).contains(",true,");
        List<String> diff = new String(call("GET", "export?format=json&since=" + first, null).body()).lines().toList();
        assertThat(diff).hasSize(2).allMatch(l -> l.contains("\"current_label\":\"moth\""));
        assertThat(call("GET", "export?format=npy", null).statusCode()).isEqualTo(400);
        HttpResponse<byte[]> ids = call("POST", "selection/ids", "{\"rows\": [3, 1]}");
        assertThat(new String(ids.body())).isEqualTo("1\n3\n");
    }

    @Test
    void bad_requests_are_refused_with_reasons() throws Exception {
        assertThat(call("POST", "annotations", "{\"action\": \"paint\", \"rows\": [1]}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "annotations", "{\"action\": \"tag\", \"rows\": [1]}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "annotations", "{\"action\": \"delete\", \"rows\": [1], \"ids\": [\"2\"]}").statusCode())
                .isEqualTo(400);
        assertThat(call("POST", "annotations", "{\"action\": \"delete\", \"rows\": [600]}").statusCode()).isEqualTo(404);
        assertThat(call("POST", "annotations", "{\"action\": \"delete\", \"ids\": [\"nope\"]}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "select", "{\"filter\": [{\"column\": \"nope\", \"in\": [1]}]}").statusCode()).isEqualTo(404);
        assertThat(call("POST", "select", "{\"filter\": [{\"column\": \"label\", \"min\": \"x\"}]}").statusCode())
                .isEqualTo(400);
        assertThat(call("POST", "select", "not json").statusCode()).isEqualTo(400);
        assertThat(call("POST", "annotations/999/undo", null).statusCode()).isEqualTo(409);
        assertThat(call("POST", "annotations/x/undo", null).statusCode()).isEqualTo(400);
        server.close();
        server = StarmapServer.start(StarmapServer.Options.local(Map.of("shapes", atlas), 0));
        HttpResponse<byte[]> ro = call("POST", "annotations", "{\"action\": \"delete\", \"rows\": [1]}");
        assertThat(ro.statusCode()).isEqualTo(409);
        assertThat(new String(ro.body())).contains("read-only");
    }

    @Test
    void killing_the_server_during_a_burst_of_edits_loses_no_acknowledged_edit() throws Exception {
        server.close();
        server = null;
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ServeMain.class.getName(), atlas.toString()).redirectErrorStream(true).start();
        List<Long> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
            String line;
            int port = -1;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PORT ")) {
                    port = Integer.parseInt(line.substring(5).strip());
                    break;
                }
            }
            assertThat(port).as("the server started").isPositive();
            String base = "http://127.0.0.1:" + port + "/api/atlases/shapes/annotations";
            Thread burst = new Thread(() -> {
                for (int i = 0; ; i++) {
                    try {
                        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"action\": \"tag\", \"value\": \"t" + i
                                        + "\", \"rows\": [" + (i % TestAtlas.N) + "]}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            acknowledged.add(JSON.readTree(r.body()).get("seq").asLong());
                        }
                    } catch (Exception e) {
                        return; // the server is gone
                    }
                }
            });
            burst.start();
            while (acknowledged.size() < 40) {
                Thread.sleep(5);
            }
            p.destroyForcibly(); // SIGKILL
            p.waitFor(10, TimeUnit.SECONDS);
            burst.join(10_000);
        } finally {
            p.destroyForcibly();
        }
        try (Atlas a = Atlas.open(atlas)) {
            List<Long> logged = a.annotations().all().stream().map(Annotation::seq).toList();
            assertThat(logged).containsAll(acknowledged);
            assertThat(a.pointCount()).isEqualTo(TestAtlas.N);
        }
    }
}
