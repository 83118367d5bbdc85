/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * The Plotly side of the viewer benchmark on 127.0.0.1: the page {@code plotly.html} (a resource of this
 * module), {@code plotly.min.js} from a file, and figures under {@code /data/NAME.json}. Every answer is
 * prepared before it is asked for and sent gzip-compressed when the client accepts gzip, as the Starmap
 * server sends its binary answers.
 */
final class PlotlyServer implements AutoCloseable {
    private static final String PAGE = "/starmap/bench/plotly.html";

    /** An answer in plain and gzip form. */
    private record Body(String type, byte[] raw, byte[] gzip) {
        static Body of(String type, byte[] raw) {
            ByteArrayOutputStream b = new ByteArrayOutputStream(raw.length / 3 + 64);
            try (GZIPOutputStream z = new GZIPOutputStream(b, 1 << 16)) {
                z.write(raw);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Body(type, raw, b.toByteArray());
        }
    }

    private final Map<String, Body> bodies = new ConcurrentHashMap<>();
    private final HttpServer http;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    private PlotlyServer(Path plotlyJs) throws IOException {
        bodies.put("/", Body.of("text/html; charset=utf-8", page()));
        bodies.put("/plotly.min.js", Body.of("text/javascript", Files.readAllBytes(plotlyJs)));
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        http.setExecutor(threads);
        http.createContext("/", this::answer);
    }

    /** Serves the page and {@code plotlyJs} (Plotly's {@code plotly.min.js}) on a free port of 127.0.0.1. */
    static PlotlyServer start(Path plotlyJs) throws IOException {
        if (!Files.isRegularFile(plotlyJs)) {
            throw new IllegalArgumentException("--plotly: no file " + plotlyJs + " (scripts/bench-viewer.sh fetches "
                    + "plotly.min.js from npm's plotly.js-dist-min)");
        }
        PlotlyServer s = new PlotlyServer(plotlyJs);
        s.http.start();
        return s;
    }

    /** Publishes {@code json} at {@code /data/NAME.json}, in place of any earlier figure, and returns the page's URL. */
    String publish(String name, byte[] json) {
        bodies.keySet().removeIf(k -> k.startsWith("/data/"));
        bodies.put("/data/" + name + ".json", Body.of("application/json", json));
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/?data=" + name;
    }

    private void answer(HttpExchange x) throws IOException {
        try (x) {
            Body b = "GET".equals(x.getRequestMethod()) ? bodies.get(x.getRequestURI().getPath()) : null;
            if (b == null) {
                x.sendResponseHeaders(404, -1);
                return;
            }
            String accept = x.getRequestHeaders().getFirst("Accept-Encoding");
            boolean gzip = accept != null && accept.contains("gzip");
            byte[] bytes = gzip ? b.gzip() : b.raw();
            x.getResponseHeaders().set("Content-Type", b.type());
            x.getResponseHeaders().set("Cache-Control", "no-store");
            if (gzip) {
                x.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            x.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static byte[] page() throws IOException {
        try (InputStream in = PlotlyServer.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IOException("resource " + PAGE + " is missing from the bench jar");
            }
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
