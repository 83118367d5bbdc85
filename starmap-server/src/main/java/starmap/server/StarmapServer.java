/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import starmap.core.StarmapException;

/**
 * {@code starmap serve}: the HTTP API over one or more atlases and the viewer's static files. Binds to
 * 127.0.0.1 unless told otherwise; any other address needs an access token, which every API request
 * must then carry ({@code Authorization: Bearer TOKEN} or {@code ?token=TOKEN}).
 *
 * <p>API (all under {@code /api}; errors are JSON {@code {"status", "error"}}):
 * <ul>
 *   <li>{@code GET /atlases}, {@code GET /atlases/{atlas}}: atlases, their layouts, columns, graphs</li>
 *   <li>{@code GET /atlases/{atlas}/layouts/{layout}/positions?encoding=u16|f32}: binary positions</li>
 *   <li>{@code GET /atlases/{atlas}/columns/{column}}: how a column is coloured (dictionary or range)</li>
 *   <li>{@code GET /atlases/{atlas}/columns/{column}/codes}: one colour code byte per point</li>
 *   <li>{@code GET /atlases/{atlas}/points?offset=&limit=}: a page of records</li>
 *   <li>{@code GET /atlases/{atlas}/points/{row}}: one record</li>
 *   <li>{@code GET /atlases/{atlas}/points/{row}/neighbors?k=}: nearest neighbours in the original space</li>
 *   <li>{@code GET /atlases/{atlas}/points/{row}/image}: the point's image</li>
 *   <li>{@code GET /atlases/{atlas}/search?q=&limit=}: points by id or label text</li>
 *   <li>{@code GET /atlases/{atlas}/graphs/{graph}/edges?chunk=}: a graph's edges, uint32 pairs, in chunks</li>
 *   <li>{@code POST /atlases/{atlas}/lookup}: rows of a list of ids, and the graph edges among them</li>
 *   <li>{@code GET /atlases/{atlas}/importance?column=}: a label-priority byte per point</li>
 *   <li>{@code GET /atlases/{atlas}/names?rows=}: the names shown as labels for some rows</li>
 *   <li>{@code GET /atlases/{atlas}/query?op=near|between|analogy&a=&b=&c=&k=&metric=}: vector queries</li>
 * </ul>
 */
public final class StarmapServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGE = 1000;
    /** Jetty's and Javalin's start-up chatter stays out of the console (kept referenced so it sticks). */
    private static final List<java.util.logging.Logger> QUIET = List.of(
            java.util.logging.Logger.getLogger("io.javalin"), java.util.logging.Logger.getLogger("org.eclipse.jetty"));

    static {
        QUIET.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
    }

    private final Map<String, AtlasService> atlases = new LinkedHashMap<>();
    private final Optional<String> token;
    private final Javalin app;
    private final String host;

    /**
     * @param atlases atlas name (as it appears in URLs) → file
     * @param host    address to bind; loopback unless a token is given
     * @param port    port, 0 for any free one
     * @param token   access token, required for a non-loopback host
     * @param readOnly whether the atlases open read-only (no annotations; other processes may read them too)
     */
    public record Options(Map<String, Path> atlases, String host, int port, Optional<String> token, boolean readOnly) {
        /** Read-only. */
        public Options(Map<String, Path> atlases, String host, int port, Optional<String> token) {
            this(atlases, host, port, token, true);
        }

        public Options {
            atlases = Map.copyOf(new LinkedHashMap<>(atlases));
            if (!isLoopback(host) && token.isEmpty()) {
                throw new StarmapException("refusing to bind to " + host + " without an access token: anyone who can "
                        + "reach it could read the atlases; pass --token (or bind to 127.0.0.1)");
            }
        }

        /** Read-only, on 127.0.0.1. */
        public static Options local(Map<String, Path> atlases, int port) {
            return new Options(atlases, "127.0.0.1", port, Optional.empty());
        }

        /** Open for annotation, on 127.0.0.1. */
        public static Options localWritable(Map<String, Path> atlases, int port) {
            return new Options(atlases, "127.0.0.1", port, Optional.empty(), false);
        }
    }

    private StarmapServer(Options o) {
        this.token = o.token();
        this.host = o.host();
        List<String> names = new ArrayList<>(o.atlases().keySet());
        names.sort(null);
        try {
            for (String name : names) {
                atlases.put(name, new AtlasService(name, o.atlases().get(name), o.readOnly()));
            }
        } catch (RuntimeException e) {
            atlases.values().forEach(AtlasService::close);
            throw e;
        }
        this.app = Javalin.create(cfg -> {
            cfg.jetty.host = o.host();
            cfg.jetty.port = o.port();
            cfg.startup.showJavalinBanner = false;
            // the viewer's static files: brotli where brotli4j's native library loads, gzip otherwise
            cfg.http.compressionStrategy = Blob.BROTLI
                    ? new CompressionStrategy(new io.javalin.compression.Brotli(), new io.javalin.compression.Gzip())
                    : CompressionStrategy.GZIP;
            cfg.staticFiles.add("/starmap/viewer", Location.CLASSPATH);
            cfg.routes.before("/api/*", this::authorize);
            cfg.routes.get("/api/atlases", ctx -> json(ctx, atlases.values().stream().map(AtlasService::describe).toList()));
            cfg.routes.get("/api/atlases/{atlas}", ctx -> json(ctx, atlas(ctx).describe()));
            cfg.routes.get("/api/atlases/{atlas}/layouts/{layout}/positions", ctx -> blob(ctx,
                    atlas(ctx).positions(ctx.pathParam("layout"), Optional.ofNullable(ctx.queryParam("encoding"))
                            .orElse("u16")), "application/octet-stream"));
            cfg.routes.get("/api/atlases/{atlas}/columns/{column}", ctx ->
                    json(ctx, atlas(ctx).column(ctx.pathParam("column")).meta()));
            cfg.routes.get("/api/atlases/{atlas}/columns/{column}/codes", ctx ->
                    blob(ctx, atlas(ctx).column(ctx.pathParam("column")).codes(), "application/octet-stream"));
            cfg.routes.get("/api/atlases/{atlas}/points", ctx -> {
                AtlasService a = atlas(ctx);
                int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
                int limit = intParam(ctx, "limit", 100, 1, MAX_PAGE);
                Map<String, Object> page = new LinkedHashMap<>();
                page.put("total", a.points());
                page.put("offset", offset);
                page.put("points", a.records(offset, limit));
                json(ctx, page);
            });
            cfg.routes.get("/api/atlases/{atlas}/points/{row}", ctx -> json(ctx, atlas(ctx).record(row(ctx))));
            cfg.routes.get("/api/atlases/{atlas}/points/{row}/neighbors", ctx ->
                    json(ctx, atlas(ctx).neighbors(row(ctx), intParam(ctx, "k", 10, 1, 1000))));
            cfg.routes.get("/api/atlases/{atlas}/points/{row}/image", ctx -> {
                AtlasService.Image img = atlas(ctx).image(row(ctx));
                ctx.header("Cache-Control", "max-age=3600");
                ctx.contentType(img.type()).result(img.bytes());
            });
            cfg.routes.get("/api/atlases/{atlas}/search", ctx -> {
                String q = ctx.queryParam("q");
                if (q == null || q.isBlank()) {
                    throw ApiException.badRequest("q", "a non-empty search text", q == null ? "" : q);
                }
                json(ctx, Map.of("query", q, "matches", atlas(ctx).search(q.strip(), intParam(ctx, "limit", 20, 1, 200))));
            });
            cfg.routes.get("/api/atlases/{atlas}/graphs/{graph}/edges", ctx -> {
                GraphEdges e = atlas(ctx).edges(ctx.pathParam("graph"));
                int chunk = intParam(ctx, "chunk", 0, 0, Integer.MAX_VALUE);
                if (chunk >= e.chunkCount()) {
                    throw new ApiException(404, "graph '" + e.graph() + "' has " + e.chunkCount() + " edge chunks, not "
                            + (chunk + 1));
                }
                blob(ctx, e.chunk(chunk), "application/octet-stream");
            });
            cfg.routes.get("/api/atlases/{atlas}/importance", ctx -> blob(ctx,
                    atlas(ctx).importance(Optional.ofNullable(ctx.queryParam("column"))), "application/octet-stream"));
            cfg.routes.get("/api/atlases/{atlas}/names", ctx -> {
                AtlasService a = atlas(ctx);
                String rows = Optional.ofNullable(ctx.queryParam("rows")).orElse("");
                int[] r = rowList(rows, 1000);
                json(ctx, Map.of("rows", r, "names", a.names(r)));
            });
            cfg.routes.post("/api/atlases/{atlas}/lookup", ctx -> {
                AtlasService a = atlas(ctx);
                JsonNode body = body(ctx);
                if (!body.path("ids").isArray()) {
                    throw new ApiException(400, "the body must be JSON {\"ids\": [...]}");
                }
                List<String> ids = new ArrayList<>();
                body.path("ids").forEach(n -> ids.add(n.isTextual() ? n.asText() : n.toString()));
                json(ctx, a.lookup(ids));
            });
            cfg.routes.post("/api/atlases/{atlas}/select", ctx -> {
                AtlasService a = atlas(ctx);
                JsonNode body = body(ctx);
                java.util.BitSet set = selection(a, body);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("count", set.cardinality());
                m.put("bitmap", java.util.Base64.getEncoder().encodeToString(a.curation().bytes(set)));
                if (body.path("withRows").asBoolean(false)) {
                    m.put("rows", set.stream().toArray());
                }
                json(ctx, m);
            });
            cfg.routes.post("/api/atlases/{atlas}/selection/ids", ctx -> {
                AtlasService a = atlas(ctx);
                List<String> ids = a.curation().idsOf(selection(a, body(ctx)));
                ctx.header("Content-Disposition", "attachment; filename=\"" + a.name() + "-selection.txt\"");
                ctx.contentType("text/plain; charset=utf-8").result(String.join("\n", ids) + (ids.isEmpty() ? "" : "\n"));
            });
            cfg.routes.get("/api/atlases/{atlas}/annotations", ctx -> json(ctx,
                    atlas(ctx).curation().history(longParam(ctx, "after", 0))));
            cfg.routes.post("/api/atlases/{atlas}/annotations", ctx -> {
                AtlasService a = atlas(ctx);
                JsonNode body = body(ctx);
                java.util.BitSet set = selection(a, body);
                if (set.isEmpty()) {
                    throw new ApiException(400, "the selection is empty: nothing to annotate");
                }
                json(ctx, a.curation().annotate(body.path("action").asText(""), textOrNull(body, "value"), set,
                        author(body), textOrNull(body, "note")));
            });
            cfg.routes.post("/api/atlases/{atlas}/annotations/{seq}/undo", ctx -> json(ctx,
                    atlas(ctx).curation().revert(seqParam(ctx), true, author(bodyOrEmpty(ctx)))));
            cfg.routes.post("/api/atlases/{atlas}/annotations/{seq}/redo", ctx -> json(ctx,
                    atlas(ctx).curation().revert(seqParam(ctx), false, author(bodyOrEmpty(ctx)))));
            cfg.routes.get("/api/atlases/{atlas}/state", ctx -> json(ctx, atlas(ctx).curation().state()));
            cfg.routes.get("/api/atlases/{atlas}/export", ctx -> {
                AtlasService a = atlas(ctx);
                String format = Optional.ofNullable(ctx.queryParam("format")).orElse("csv");
                String since = ctx.queryParam("since");
                Path file = a.curation().export(format, Optional.ofNullable(ctx.queryParam("layout")),
                        since == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(longParam(ctx, "since", 0)),
                        Boolean.parseBoolean(ctx.queryParam("dropDeleted")));
                ctx.header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
                ctx.contentType(format.equals("parquet") ? "application/vnd.apache.parquet"
                        : format.equals("json") ? "application/x-ndjson" : "text/csv; charset=utf-8");
                try {
                    ctx.result(Files.readAllBytes(file));
                } finally {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(file.getParent());
                }
            });
            cfg.routes.get("/api/atlases/{atlas}/query", ctx -> {
                AtlasService a = atlas(ctx);
                String op = Optional.ofNullable(ctx.queryParam("op")).orElse("near");
                int need = switch (op) {
                    case "near" -> 1;
                    case "between" -> 2;
                    case "analogy" -> 3;
                    default -> throw ApiException.badRequest("op", "near, between or analogy", op);
                };
                List<String> ids = new ArrayList<>();
                for (String p : List.of("a", "b", "c").subList(0, need)) {
                    String v = ctx.queryParam(p);
                    if (v == null) {
                        throw ApiException.badRequest(p, "an id (op " + op + " takes " + need + ")", "");
                    }
                    ids.add(v);
                }
                String metricText = Optional.ofNullable(ctx.queryParam("metric")).orElse("euclidean");
                starmap.core.knn.Metric metric;
                try {
                    metric = starmap.core.knn.Metric.parse(metricText);
                } catch (RuntimeException e) {
                    throw ApiException.badRequest("metric", "euclidean or cosine", metricText);
                }
                if (metric == starmap.core.knn.Metric.INNER_PRODUCT) {
                    throw ApiException.badRequest("metric", "euclidean or cosine", metricText);
                }
                List<Map<String, Object>> hits = a.query(op, ids, intParam(ctx, "k", 10, 1, 1000), metric);
                json(ctx, Map.of("op", op, "ids", ids, "space", a.querySpace(), "hits", hits));
            });
            cfg.routes.get("/api/*", ctx -> {
                throw new ApiException(404, "no API endpoint " + ctx.path());
            });
            cfg.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            cfg.routes.exception(StarmapException.class, (e, ctx) -> error(ctx, 500, e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal error: " + e));
        });
    }

    /** Opens the atlases and starts serving; fails if an atlas cannot be opened or the port is taken. */
    public static StarmapServer start(Options o) {
        StarmapServer s = new StarmapServer(o);
        try {
            s.app.start();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** The port actually bound. */
    public int port() {
        return app.port();
    }

    /** The viewer's address (with the token, when there is one). */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/"
                + token.map(t -> "?token=" + java.net.URLEncoder.encode(t, StandardCharsets.UTF_8)).orElse("");
    }

    /** Names of the served atlases, sorted. */
    public List<String> atlasNames() {
        return List.copyOf(atlases.keySet());
    }

    private void authorize(Context ctx) {
        if (token.isEmpty()) {
            // without a token only a page served from this machine's own names may call the API: a page
            // elsewhere that rebinds its DNS name to 127.0.0.1 still sends its own name as Host
            String hostHeader = Optional.ofNullable(ctx.header("Host")).orElse("");
            String name = hostHeader.startsWith("[") ? hostHeader.substring(0, hostHeader.indexOf(']') + 1)
                    : hostHeader.replaceFirst(":\\d+$", "");
            if (!name.equals("localhost") && !name.equals("[::1]") && !isLoopback(name.replace("[", "").replace("]", ""))) {
                throw new ApiException(403, "requests must name this machine (localhost or 127.0.0.1) as Host, not '"
                        + hostHeader + "'");
            }
            return;
        }
        String given = Optional.ofNullable(ctx.header("Authorization")).filter(h -> h.startsWith("Bearer "))
                .map(h -> h.substring(7)).orElse(ctx.queryParam("token"));
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.get().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "this server needs its access token (Authorization: Bearer TOKEN or ?token=)");
        }
    }

    private AtlasService atlas(Context ctx) {
        String name = ctx.pathParam("atlas");
        AtlasService a = atlases.get(name);
        if (a == null) {
            throw ApiException.notFound("atlas", name);
        }
        return a;
    }

    private static int row(Context ctx) {
        String s = ctx.pathParam("row");
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("row", "a row number", s);
        }
    }

    private static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String s = ctx.queryParam(name);
        if (s == null) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(s.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw ApiException.badRequest(name, "an integer in [" + min + ", " + max + "]", s);
    }

    private static void json(Context ctx, Object value) throws JsonProcessingException {
        ctx.contentType("application/json").result(JSON.writeValueAsString(value));
    }

    private static void error(Context ctx, int status, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("error", message);
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(m));
        } catch (JsonProcessingException e) {
            ctx.status(status).result(message);
        }
    }

    private static JsonNode body(Context ctx) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.bodyAsBytes());
        } catch (java.io.IOException e) {
            throw new ApiException(400, "the body must be a JSON object: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "the body must be a JSON object");
        }
        return body;
    }

    private static JsonNode bodyOrEmpty(Context ctx) {
        return ctx.bodyAsBytes().length == 0 ? JSON.createObjectNode() : body(ctx);
    }

    private static String textOrNull(JsonNode body, String field) {
        JsonNode v = body.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static String author(JsonNode body) {
        String a = textOrNull(body, "author");
        return a == null || a.isBlank() ? "viewer" : a.strip();
    }

    private static long seqParam(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("seq"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("seq", "an entry's sequence number", ctx.pathParam("seq"));
        }
    }

    private static long longParam(Context ctx, String name, long fallback) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, "an integer", v);
        }
    }

    /**
     * The points a request names: {@code bitmap} (base64, one bit per point), {@code rows}, {@code ids},
     * {@code polygon} (with {@code layout} and {@code matrix}), {@code filter}, or {@code neighbors}
     * ({@code {"row", "k"}}) — exactly one of them.
     */
    private static java.util.BitSet selection(AtlasService a, JsonNode body) {
        Curation c = a.curation();
        List<String> given = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (List.of("bitmap", "rows", "ids", "polygon", "filter", "neighbors").contains(f)) {
                given.add(f);
            }
        });
        if (given.size() != 1) {
            throw new ApiException(400, "name the points with exactly one of bitmap, rows, ids, polygon, filter, "
                    + "neighbors" + (given.isEmpty() ? "" : "; got " + String.join(", ", given)));
        }
        return switch (given.getFirst()) {
            case "bitmap" -> {
                try {
                    yield c.fromBytes(java.util.Base64.getDecoder().decode(body.path("bitmap").asText()));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("bitmap", "base64", "text that is not");
                }
            }
            case "rows" -> c.rows(ints(body.path("rows"), "rows"));
            case "ids" -> {
                List<String> ids = new ArrayList<>();
                body.path("ids").forEach(n -> ids.add(n.isTextual() ? n.asText() : n.toString()));
                yield c.ids(ids);
            }
            case "polygon" -> {
                JsonNode poly = body.path("polygon");
                if (!poly.isArray()) {
                    throw ApiException.badRequest("polygon", "a list of [x, y] points", poly.toString());
                }
                double[] xs = new double[poly.size()];
                double[] ys = new double[poly.size()];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = poly.get(i).path(0).asDouble(Double.NaN);
                    ys[i] = poly.get(i).path(1).asDouble(Double.NaN);
                    if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                        throw ApiException.badRequest("polygon", "[x, y] pairs of numbers", poly.get(i).toString());
                    }
                }
                JsonNode mat = body.path("matrix");
                double[] m = new double[mat.size()];
                for (int i = 0; i < m.length; i++) {
                    m[i] = mat.get(i).asDouble();
                }
                String layout = body.path("layout").asText("");
                yield c.polygon(layout, m, xs, ys);
            }
            case "filter" -> c.filter(body.path("filter"));
            default -> c.neighbours(body.path("neighbors").path("row").asInt(-1),
                    Math.max(1, Math.min(1000, body.path("neighbors").path("k").asInt(10))));
        };
    }

    private static int[] ints(JsonNode list, String name) {
        if (!list.isArray()) {
            throw ApiException.badRequest(name, "a list of row numbers", list.toString());
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!list.get(i).canConvertToInt()) {
                throw ApiException.badRequest(name, "a list of row numbers", list.get(i).toString());
            }
            out[i] = list.get(i).asInt();
        }
        return out;
    }

    /** A comma-separated list of at most {@code max} row numbers. */
    private static int[] rowList(String text, int max) {
        if (text.isBlank()) {
            return new int[0];
        }
        String[] parts = text.split(",");
        if (parts.length > max) {
            throw ApiException.badRequest("rows", "at most " + max + " row numbers", parts.length + " of them");
        }
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("rows", "comma-separated row numbers", parts[i]);
            }
        }
        return out;
    }

    /**
     * Sends a cached binary: 304 for a matching ETag, else the brotli form when the client accepts br,
     * the gzip form when it accepts gzip, the bytes as they are otherwise or when compressing does not
     * make them smaller.
     */
    private static void blob(Context ctx, Blob b, String type) {
        String accept = ctx.header("Accept-Encoding");
        String coding = Blob.BROTLI && accepts(accept, "br") ? "br" : accepts(accept, "gzip") ? "gzip" : "identity";
        // quantised positions in row order are close to random bytes: sent as they are when compressing gains nothing
        if (!coding.equals("identity") && (coding.equals("br") ? b.brotli() : b.gzip()).length >= b.raw().length) {
            coding = "identity";
        }
        // the encodings are different representations, so their strong tags differ
        String etag = coding.equals("identity") ? b.etag() : b.etag().replaceFirst("\"$", "-" + coding + "\"");
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Vary", "Accept-Encoding");
        ctx.header("Access-Control-Expose-Headers", String.join(", ", b.headers().keySet()));
        b.headers().forEach(ctx::header);
        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType(type);
        switch (coding) {
            case "br" -> ctx.header("Content-Encoding", "br").result(b.brotli());
            case "gzip" -> ctx.header("Content-Encoding", "gzip").result(b.gzip());
            default -> ctx.disableCompression().result(b.raw());
        }
    }

    /** Whether an If-None-Match list (weak tags compared weakly, as RFC 9110 says for GET) names {@code etag}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String t : ifNoneMatch.split(",")) {
            String tag = t.strip();
            if (tag.equals("*") || tag.replaceFirst("^W/", "").equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an Accept-Encoding header allows {@code coding} (by name or {@code *}; a q of 0 forbids it). */
    static boolean accepts(String acceptEncoding, String coding) {
        if (acceptEncoding == null) {
            return false;
        }
        Boolean wildcard = null;
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.strip().split(";");
            String name = p[0].strip().toLowerCase(java.util.Locale.ROOT);
            if (!name.equals(coding) && !name.equals("*")) {
                continue;
            }
            boolean allowed = true;
            for (int i = 1; i < p.length; i++) {
                String q = p[i].strip();
                if (q.startsWith("q=")) {
                    try {
                        allowed = Double.parseDouble(q.substring(2)) > 0;
                    } catch (NumberFormatException e) {
                        allowed = false;
                    }
                }
            }
            if (name.equals(coding)) {
                return allowed;
            }
            wildcard = allowed;
        }
        return wildcard != null && wildcard;
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            if (app != null) {
                app.stop();
            }
        } finally {
            atlases.values().forEach(AtlasService::close);
        }
    }
}
