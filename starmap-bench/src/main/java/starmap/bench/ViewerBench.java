/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import starmap.server.StarmapServer;

/**
 * The viewer against Plotly's WebGL scatter, in headless Chromium, on the same points in the same run.
 *
 * <pre>
 * java -jar starmap-bench.jar viewer --plotly PATH/plotly.min.js [--sizes 100000,1000000] [--dims 2,3]
 *      [--work bench-data/viewer] [--out FILE] [--seconds 4] [--min-frames 5] [--timeout 180] [--plotly-data typed|json]
 *      [--tools starmap,plotly] [--chromium-flags "--flag1 --flag2"]
 * </pre>
 *
 * <p>For each size n, {@link ClusterPoints} makes n points in 50 Gaussian clusters with a 50-class label,
 * as 2-D and 3-D coordinates, and stores them once as an atlas under the work directory. The real
 * {@link StarmapServer} serves the atlases and the viewer from this JVM; {@link PlotlyServer} serves a
 * page that draws the same points with {@code Plotly.newPlot} ({@code scattergl} in 2-D, {@code scatter3d}
 * in 3-D; figure JSON as {@link PlotlyFigure} describes, gzip-compressed). Both servers are on 127.0.0.1
 * and warm: Starmap's binary answers are requested once before the browser opens, Plotly's figure is
 * built and compressed before it.
 *
 * <p>Every (tool, n, dim) gets a fresh headless Chromium ({@link HeadlessChromium}, 1400 × 900, empty
 * cache), which measures:
 * <ul>
 *   <li><b>first render</b>: {@code performance.now()} (ms since navigation start) two animation frames
 *       after the map has drawn everything: Starmap once {@code window.starmap} is ready, not busy and has
 *       rendered a frame; Plotly once {@code newPlot}'s promise resolved (recorded by the page);</li>
 *   <li><b>frame times</b> for {@code --seconds} (and at least {@code --min-frames} frames, unless that
 *       takes more than half of {@code --timeout}) while the view moves on every animation frame: Starmap
 *       through its hooks {@code panBy(0.002, 0.001)} (2-D) and {@code orbitBy(0.02)} (3-D), which its own
 *       animation loop renders as it renders a drag; Plotly through synthetic mouse events, so that its
 *       own pan (2-D) and turntable rotation (3-D) code runs as under a user's drag. The intervals between
 *       consecutive animation-frame callbacks (the first, a warm-up, left out) give the median and the 95th
 *       percentile. Then, in the same
 *       page, Plotly again through {@code Plotly.relayout} of the axis ranges (by the same fractions of the
 *       view as Starmap's pan) or of {@code scene.camera.eye} (turned 0.02 rad per frame), each awaited
 *       before the next frame is asked for: the API path, reported beside the drag;</li>
 *   <li><b>bytes on the wire</b>: {@code transferSize} of the navigation and every resource entry, split
 *       into data (Starmap's {@code /api/} answers, Plotly's figure) and code (page, scripts, styles);</li>
 *   <li><b>browser memory</b>: the sum of the PSS of every Chromium process, after the frame loop, and
 *       {@code performance.memory.usedJSHeapSize}.</li>
 * </ul>
 * A map that does not draw within {@code --timeout} seconds is recorded as such and the run goes on.
 * Results are printed as a Markdown table with Starmap / Plotly ratios and written as JSON to
 * {@code --out} (default {@code WORK/viewer-results.json}; the table beside it as {@code .md}).
 */
public final class ViewerBench {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 900;

    private ViewerBench() {
    }

    /** What the command line asked for. */
    private record Options(Path plotly, List<Integer> sizes, List<Integer> dims, Path work, Path out, double seconds,
            int minFrames, Duration timeout, PlotlyFigure.Encoding plotlyData, List<String> chromiumFlags,
            List<String> tools) {

        private static final List<String> KNOWN = List.of("--plotly", "--sizes", "--dims", "--work", "--out",
                "--seconds", "--min-frames", "--timeout", "--plotly-data", "--tools", "--chromium-flags");

        static Options parse(String[] args) {
            Map<String, String> o = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!KNOWN.contains(args[i])) {
                    throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                o.put(args[i], args[++i]);
            }
            if (!o.containsKey("--plotly")) {
                throw new IllegalArgumentException("--plotly PATH/plotly.min.js is required "
                        + "(scripts/bench-viewer.sh fetches it from npm's plotly.js-dist-min)");
            }
            if (!Files.isRegularFile(Path.of(o.get("--plotly")))) {
                throw new IllegalArgumentException("--plotly: no file " + o.get("--plotly")
                        + " (scripts/bench-viewer.sh fetches plotly.min.js from npm's plotly.js-dist-min)");
            }
            Path work = Path.of(o.getOrDefault("--work", "bench-data/viewer"));
            List<Integer> dims = ints(o.getOrDefault("--dims", "2,3"));
            if (!dims.stream().allMatch(d -> d == 2 || d == 3)) {
                throw new IllegalArgumentException("--dims: 2 and/or 3, got " + dims);
            }
            String flags = o.getOrDefault("--chromium-flags", "").strip();
            String data = o.getOrDefault("--plotly-data", "typed");
            if (!data.equals("typed") && !data.equals("json")) {
                throw new IllegalArgumentException("--plotly-data: typed or json, got '" + data + "'");
            }
            List<String> tools = List.of(o.getOrDefault("--tools", "starmap,plotly").split(","));
            if (!List.of("starmap", "plotly").containsAll(tools)) {
                throw new IllegalArgumentException("--tools: starmap and/or plotly, got " + tools);
            }
            return new Options(Path.of(o.get("--plotly")), ints(o.getOrDefault("--sizes", "100000,1000000")), dims,
                    work, Path.of(o.getOrDefault("--out", work.resolve("viewer-results.json").toString())),
                    Double.parseDouble(o.getOrDefault("--seconds", "4")),
                    Math.max(1, Integer.parseInt(o.getOrDefault("--min-frames", "5"))),
                    Duration.ofSeconds(Long.parseLong(o.getOrDefault("--timeout", "180"))),
                    PlotlyFigure.Encoding.valueOf(data.toUpperCase(Locale.ROOT)),
                    flags.isEmpty() ? List.of() : List.of(flags.split("\\s+")), tools);
        }

        private static List<Integer> ints(String csv) {
            return Arrays.stream(csv.split(",")).map(String::strip).map(Integer::parseInt).toList();
        }
    }

    /**
     * A way of moving the view on every animation frame for {@code seconds}; the page script answers
     * {@code {intervals: [ms between consecutive animation-frame callbacks], moves, renders?}}.
     */
    private record Motion(String name, String script) {
    }

    /**
     * The frame loop every motion shares: {@code move(k)} is called once per frame and may return a
     * promise. The first interval (the first move may not be drawn in it) is a warm-up and not kept. It
     * stops after {@code seconds} once it has {@code minFrames} intervals, or after {@code limitMs} with
     * whatever it has (at least one).
     */
    private static final String FRAME_LOOP = """
            const intervals = [];
            let last = null, start = 0, k = 0;
            function frame(now) {
              if (last === null) start = now; else if (k >= 2) intervals.push(now - last);
              last = now;
              const n = intervals.length;
              if (n > 0 && (now >= start + seconds * 1000 && n >= minFrames || now >= start + limitMs)) {
                return finish(intervals, k);
              }
              Promise.resolve(move(++k)).then(() => requestAnimationFrame(frame), (e) => done({error: String(e)}));
            }
            requestAnimationFrame(frame);
            """;

    /**
     * Starmap's hooks, rendered by the viewer's own animation loop (as a drag would be), with the quality
     * level locked at 0 (full resolution; the viewer would otherwise step its pixel ratio and extras down
     * while frames are slow). Also reports the level at the end ({@code window.starmap.quality}).
     */
    private static final Motion STARMAP_HOOKS = new Motion("hooks", """
            const [seconds, dim, minFrames, limitMs] = arguments;
            const done = arguments[arguments.length - 1];
            const s = window.starmap;
            // full quality throughout, as Plotly draws: the automatic step-down would flatter the frame times
            if (s.lockQuality) s.lockQuality(0);
            const frames0 = s.frames;
            const move = dim === 2 ? () => s.panBy(0.002, 0.001) : () => s.orbitBy(0.02);
            const finish = (intervals, moves) =>
              done({intervals, moves, renders: s.frames - frames0, quality: s.quality === undefined ? null : s.quality});
            """ + FRAME_LOOP);

    /**
     * Plotly as a user moves it: synthetic mouse events at the points a real mouse would hit, so Plotly's
     * own drag code runs (2-D: pan mode, which updates the WebGL scene's ranges; 3-D: turntable rotation
     * through its camera, drawn by its animation loop). 2 px per frame after a 10 px start (past
     * Plotly's drag threshold). The view must have moved at the end, or the loop reports an error.
     */
    private static final Motion PLOTLY_DRAG = new Motion("drag", """
            const [seconds, dim, minFrames, limitMs] = arguments;
            const done = arguments[arguments.length - 1];
            const div = document.getElementById('plot');
            const box = div.getBoundingClientRect();
            const x0 = box.left + box.width * 0.7, y0 = box.top + box.height * 0.5;
            const fire = (type, x, y, buttons) => document.elementFromPoint(x, y).dispatchEvent(new MouseEvent(type,
                {bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, button: 0, buttons}));
            const view = () => JSON.stringify(dim === 2 ? [div._fullLayout.xaxis.range, div._fullLayout.yaxis.range]
                : div._fullLayout.scene._scene.getCamera());
            const before = view();
            let x = x0, y = y0;
            fire('mousedown', x0, y0, 1);
            const move = (k) => { x = x0 - 8 - 2 * k; y = y0 - (dim === 2 ? 4 + k : 0); fire('mousemove', x, y, 1); };
            const finish = (intervals, moves) => {
              fire('mouseup', x, y, 0);
              requestAnimationFrame(() => requestAnimationFrame(() => view() === before
                ? done({error: 'the view did not move: Plotly ignored the synthetic drag'}) : done({intervals, moves})));
            };
            """ + FRAME_LOOP);

    /**
     * Plotly through {@code Plotly.relayout}, awaited each frame: the axis ranges shifted by the same
     * fractions of the view as Starmap's pan, or {@code scene.camera.eye} turned 0.02 rad about the
     * vertical axis. This is the API path (a full relayout), heavier than a drag.
     */
    private static final Motion PLOTLY_RELAYOUT = new Motion("relayout", """
            const [seconds, dim, minFrames, limitMs] = arguments;
            const done = arguments[arguments.length - 1];
            const div = document.getElementById('plot');
            const full = div._fullLayout;
            let move;
            if (dim === 2) {
              const x = full.xaxis.range.slice(), y = full.yaxis.range.slice();
              const dx = (x[1] - x[0]) * 0.002, dy = (y[1] - y[0]) * 0.001;
              move = (k) => Plotly.relayout(div, {
                'xaxis.range': [x[0] - k * dx, x[1] - k * dx], 'yaxis.range': [y[0] - k * dy, y[1] - k * dy]});
            } else {
              const e = full.scene.camera.eye;
              const r = Math.hypot(e.x, e.y), a0 = Math.atan2(e.y, e.x);
              move = (k) => Plotly.relayout(div, {'scene.camera.eye':
                {x: r * Math.cos(a0 + 0.02 * k), y: r * Math.sin(a0 + 0.02 * k), z: e.z}});
            }
            const finish = (intervals, moves) => done({intervals, moves});
            """ + FRAME_LOOP);

    /** One side of the comparison: how its page is told ready, which requests carry data, how its view moves. */
    private enum Tool {
        STARMAP("starmap", "/api/", List.of("/positions", "/codes"), """
                const done = arguments[arguments.length - 1];
                (function poll() {
                  const s = window.starmap;
                  const status = document.getElementById('status');
                  if (status && status.textContent.startsWith('error')) return done({error: status.textContent});
                  if (s && s.ready && !s.busy && s.frames > 0) {
                    requestAnimationFrame(() => requestAnimationFrame(() => done({ms: performance.now()})));
                  } else {
                    setTimeout(poll, 5);
                  }
                })();
                """, List.of(STARMAP_HOOKS)),
        PLOTLY("plotly", "/data/", List.of("/data/"), """
                const done = arguments[arguments.length - 1];
                (function poll() {
                  if (window.plotlyError) return done({error: window.plotlyError});
                  if (window.plotlyReady) return done({ms: window.plotlyReady});
                  setTimeout(poll, 5);
                })();
                """, List.of(PLOTLY_DRAG, PLOTLY_RELAYOUT));

        final String label;
        /** Resource URLs that carry data (everything else is code). */
        final String dataMarker;
        /** Resource URLs that carry the positions and colours themselves. */
        final List<String> pointMarkers;
        /** Answers {@code {ms}} two frames after the map has drawn, or {@code {error}}. */
        final String readyScript;
        /** The first is the headline frame-time measure; the others are recorded under their name. */
        final List<Motion> motions;

        Tool(String label, String dataMarker, List<String> pointMarkers, String readyScript, List<Motion> motions) {
            this.label = label;
            this.dataMarker = dataMarker;
            this.pointMarkers = pointMarkers;
            this.readyScript = readyScript;
            this.motions = motions;
        }
    }

    private static final String RESOURCES = """
            return [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
                .map((e) => [e.name, e.initiatorType, e.transferSize, e.encodedBodySize, e.decodedBodySize]);
            """;
    private static final String WEBGL = """
            const gl = document.createElement('canvas').getContext('webgl2');
            if (!gl) return 'no WebGL2';
            const info = gl.getExtension('WEBGL_debug_renderer_info');
            return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
            """;

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: java -jar starmap-bench.jar viewer --plotly PATH/plotly.min.js [--sizes 100000,1000000] "
                    + "[--dims 2,3] [--work DIR] [--out FILE] [--seconds 4] [--min-frames 5] [--timeout 180] "
                    + "[--plotly-data typed|json] [--tools starmap,plotly] [--chromium-flags '--flag …']");
            System.exit(2);
            return;
        }
        Files.createDirectories(o.work());
        long start = System.nanoTime();
        Map<Integer, ClusterPoints> points = new LinkedHashMap<>();
        Map<String, Path> atlases = new LinkedHashMap<>();
        for (int n : o.sizes()) {
            long t0 = System.nanoTime();
            ClusterPoints p = ClusterPoints.generate(n);
            points.put(n, p);
            atlases.put(atlasName(n), p.atlas(o.work()));
            System.err.printf(Locale.ROOT, "points: %,d ready in %.1f s (%s)%n", n, seconds(t0), atlases.get(atlasName(n)));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (StarmapServer starmap = StarmapServer.start(StarmapServer.Options.local(atlases, 0));
             PlotlyServer plotly = PlotlyServer.start(o.plotly())) {
            String base = "http://127.0.0.1:" + starmap.port() + "/";
            for (int n : o.sizes()) {
                for (int dim : o.dims()) {
                    if (o.tools().contains("starmap")) {
                        rows.add(starmap(base, n, dim, o));
                    }
                    if (o.tools().contains("plotly")) {
                        rows.add(plotly(plotly, points.get(n), dim, o));
                    }
                    write(rows, o, seconds(start));
                }
            }
        }
        write(rows, o, seconds(start));
        System.out.println(markdown(rows));
        System.err.printf(Locale.ROOT, "wall time %.0f s; results in %s%n", seconds(start), o.out());
    }

    /** Starmap's viewer on the n-point atlas's {@code dim}-D layout, the server warmed first. */
    private static Map<String, Object> starmap(String base, int n, int dim, Options o) throws Exception {
        String layout = dim == 2 ? ClusterPoints.LAYOUT_2D : ClusterPoints.LAYOUT_3D;
        double warm = warmStarmap(base, atlasName(n), layout);
        Map<String, Object> row = measure(Tool.STARMAP, base + "#atlas=" + atlasName(n) + "&layout=" + layout, n, dim, o);
        row.put("server_warmup_ms", warm);
        return row;
    }

    /** Plotly's page on the same points, the figure built and compressed first. */
    private static Map<String, Object> plotly(PlotlyServer server, ClusterPoints p, int dim, Options o) throws Exception {
        byte[] figure = PlotlyFigure.json(p, dim, o.plotlyData(), markerSize(p.n()));
        Map<String, Object> row = measure(Tool.PLOTLY, server.publish(p.n() + "-" + dim + "d", figure), p.n(), dim, o);
        row.put("figure_json_bytes", figure.length);
        row.put("plotly_data", o.plotlyData().name().toLowerCase(Locale.ROOT));
        return row;
    }

    private static String atlasName(int n) {
        return "clusters-" + n;
    }

    /** The viewer's default point size for n points (as its main.ts sets it): 8 px at most, 1.5 px from a million. */
    private static double markerSize(int n) {
        return Math.min(8, Math.max(1.5, Math.round(40 / Math.pow(n, 0.25) * 2) / 2.0));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /**
     * Asks the Starmap server once for what the viewer will load (atlas list, positions, label column and
     * codes), so that the browser measures a warm server as Plotly's prepared figure is; returns the ms.
     */
    private static double warmStarmap(String base, String atlas, String layout) throws Exception {
        long t0 = System.nanoTime();
        try (HttpClient http = HttpClient.newHttpClient()) {
            JsonNode info = JSON.readTree(get(http, base + "api/atlases/" + atlas));
            get(http, base + "api/atlases");
            get(http, base + "api/atlases/" + atlas + "/layouts/" + layout + "/positions?encoding=u16");
            String label = info.path("label").asText("");
            if (!label.isEmpty()) {
                get(http, base + "api/atlases/" + atlas + "/columns/" + label);
                get(http, base + "api/atlases/" + atlas + "/columns/" + label + "/codes");
            }
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static byte[] get(HttpClient http, String url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", "gzip")
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": " + r.statusCode() + " " + new String(r.body()));
        }
        return r.body();
    }

    /** One (tool, n, dim) in a fresh browser. */
    private static Map<String, Object> measure(Tool tool, String url, int n, int dim, Options o) throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("tool", tool.label);
        row.put("n", n);
        row.put("dim", dim);
        row.put("url", url);
        System.err.printf(Locale.ROOT, "%s n=%,d %d-D: %s%n", tool.label, n, dim, url);
        try (HeadlessChromium b = new HeadlessChromium(WIDTH, HEIGHT, o.chromiumFlags())) {
            row.put("chromium", b.version());
            if (!firstRender(b, tool, o, row)) {
                row.put("memory_mb", HeadlessChromium.memory().mb());
                return row;
            }
            boolean responsive = frames(b, tool, dim, o, row);
            HeadlessChromium.Memory m = HeadlessChromium.memory();
            row.put("memory_mb", m.mb());
            row.put("memory_processes", m.processes());
            row.put("memory_is_pss", m.pss());
            if (responsive) {
                bytes(b, tool, n, row);
                Object heap = b.js("return performance.memory ? performance.memory.usedJSHeapSize : null;");
                row.put("js_heap_mb", heap == null ? null : ((Number) heap).doubleValue() / 1048576);
                row.put("webgl", b.js(WEBGL));
            }
            row.put("status", "ok");
        } catch (WebDriverException e) {
            return failed(row, "failed: " + firstLine(e.getMessage()));
        }
        System.err.printf(Locale.ROOT, "  first render %s ms, frames median %s / p95 %s ms, %s data B/point, %s MiB%n",
                num(row.get("first_render_ms"), "%.0f"), num(row.get("frame_median_ms"), "%.1f"),
                num(row.get("frame_p95_ms"), "%.1f"), num(row.get("data_bytes_per_point"), "%.2f"),
                num(row.get("memory_mb"), "%.0f"));
        return row;
    }

    /** Opens the page and waits for its first complete render; false (and the status set) when it did not come. */
    private static boolean firstRender(HeadlessChromium b, Tool tool, Options o, Map<String, Object> row) {
        long t0 = System.nanoTime();
        try {
            b.open(row.get("url").toString());
            Duration left = o.timeout().minusNanos(System.nanoTime() - t0);
            Map<?, ?> ready = (Map<?, ?>) b.async(left.isNegative() ? Duration.ofSeconds(1) : left, tool.readyScript);
            if (ready.get("error") != null) {
                failed(row, "page error: " + firstLine(String.valueOf(ready.get("error"))));
                return false;
            }
            row.put("first_render_ms", ((Number) ready.get("ms")).doubleValue());
            return true;
        } catch (ScriptTimeoutException | TimeoutException e) {
            row.put("timeout_ms", o.timeout().toMillis());
            failed(row, "did not render within " + o.timeout().toSeconds() + " s");
            return false;
        }
    }

    private static Map<String, Object> failed(Map<String, Object> row, String status) {
        row.put("status", status);
        System.err.println("  " + status);
        return row;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /**
     * Runs each of the tool's motions for {@code --seconds}; the first gives {@code frame_*}, the others
     * {@code NAME_frame_*}. A motion that fails is recorded in {@code [NAME_]frame_status}; after one that
     * timed out (the page may still be busy) the rest are skipped and false is returned.
     */
    private static boolean frames(HeadlessChromium b, Tool tool, int dim, Options o, Map<String, Object> row) {
        for (int i = 0; i < tool.motions.size(); i++) {
            Motion m = tool.motions.get(i);
            String prefix = i == 0 ? "" : m.name() + "_";
            row.put(prefix + "motion", m.name());
            try {
                Map<?, ?> r = (Map<?, ?>) b.async(o.timeout(), m.script(), o.seconds(), dim, o.minFrames(),
                        o.timeout().toMillis() / 2);
                if (r.get("error") != null) {
                    throw new WebDriverException(m.name() + ": " + r.get("error"));
                }
                double[] t = ((List<?>) r.get("intervals")).stream().mapToDouble(v -> ((Number) v).doubleValue())
                        .sorted().toArray();
                row.put(prefix + "frames", t.length);
                if (r.get("renders") != null) {
                    row.put(prefix + "renders", ((Number) r.get("renders")).intValue());
                }
                if (r.get("quality") != null) {
                    row.put(prefix + "quality_level_at_end", ((Number) r.get("quality")).intValue());
                }
                row.put(prefix + "frame_median_ms", percentile(t, 50));
                row.put(prefix + "frame_p95_ms", percentile(t, 95));
                row.put(prefix + "frame_max_ms", t[t.length - 1]);
            } catch (ScriptTimeoutException e) {
                row.put(prefix + "frame_status", "no frame within " + o.timeout().toSeconds() + " s");
                System.err.println("  " + m.name() + ": " + row.get(prefix + "frame_status"));
                return false;
            } catch (WebDriverException e) {
                row.put(prefix + "frame_status", "failed: " + firstLine(e.getMessage()));
                System.err.println("  " + m.name() + ": " + row.get(prefix + "frame_status"));
            }
        }
        return true;
    }

    /** The p-th percentile of sorted values, linearly interpolated. */
    static double percentile(double[] sorted, double p) {
        double at = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Bytes transferred (headers included, as {@code transferSize} counts them), data against code. */
    private static void bytes(HeadlessChromium b, Tool tool, int n, Map<String, Object> row) {
        long data = 0;
        long pointsOnly = 0;
        long code = 0;
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object e : (List<?>) b.js(RESOURCES)) {
            List<?> r = (List<?>) e;
            String name = String.valueOf(r.get(0));
            long transferred = ((Number) r.get(2)).longValue();
            boolean isData = name.contains(tool.dataMarker);
            if (isData) {
                data += transferred;
                if (tool.pointMarkers.stream().anyMatch(name::contains)) {
                    pointsOnly += transferred;
                }
            } else {
                code += transferred;
            }
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("url", name);
            res.put("type", r.get(1));
            res.put("transfer_bytes", transferred);
            res.put("encoded_bytes", r.get(3));
            res.put("decoded_bytes", r.get(4));
            resources.add(res);
        }
        row.put("data_bytes", data);
        row.put("code_bytes", code);
        row.put("data_bytes_per_point", data / (double) n);
        row.put("points_bytes_per_point", pointsOnly / (double) n);
        row.put("total_mb", (data + code) / 1e6);
        row.put("resources", resources);
    }

    private static void write(List<Map<String, Object>> rows, Options o, double wallSeconds) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", "viewer");
        doc.put("finished", Instant.now().toString());
        doc.put("wall_s", wallSeconds);
        doc.put("window", WIDTH + "x" + HEIGHT);
        doc.put("seconds_per_frame_loop", o.seconds());
        doc.put("min_frames", o.minFrames());
        doc.put("timeout_s", o.timeout().toSeconds());
        doc.put("plotly_js", o.plotly().toAbsolutePath().toString());
        doc.put("chromium_extra_flags", o.chromiumFlags());
        doc.put("rows", rows);
        doc.put("ratios", ratios(rows));
        Path out = o.out().toAbsolutePath();
        Files.createDirectories(out.getParent());
        JSON.writeValue(out.toFile(), doc);
        Files.writeString(out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "") + ".md"),
                markdown(rows));
    }

    /**
     * Starmap / Plotly for every (n, dim) Starmap drew: a number where both have the figure; for a Plotly
     * map that did not draw within the timeout, an upper bound on the first-render ratio ("< x").
     */
    private static List<Map<String, Object>> ratios(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> s : rows) {
            if (!"starmap".equals(s.get("tool")) || !"ok".equals(s.get("status"))) {
                continue;
            }
            rows.stream().filter(p -> "plotly".equals(p.get("tool")) && p.get("n").equals(s.get("n"))
                    && p.get("dim").equals(s.get("dim"))).findFirst().ifPresent(p -> {
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("n", s.get("n"));
                        r.put("dim", s.get("dim"));
                        for (String k : List.of("first_render_ms", "frame_median_ms", "frame_p95_ms")) {
                            r.put(k, s.get(k) instanceof Double a && p.get(k) instanceof Double b ? a / b : null);
                        }
                        if (String.valueOf(p.get("status")).startsWith("did not render within")
                                && s.get("first_render_ms") instanceof Double a && p.get("timeout_ms") instanceof Number t) {
                            r.put("first_render_ms", "< " + String.format(Locale.ROOT, "%.3f", a / t.doubleValue()));
                        }
                        out.add(r);
                    });
        }
        return out;
    }

    static String markdown(List<Map<String, Object>> rows) {
        StringBuilder md = new StringBuilder();
        md.append("| tool | n | dim | first render ms | frame median ms | frame p95 ms | frames | data B/point | "
                + "positions+colours B/point | total MB transferred | browser memory MiB (PSS) | JS heap MiB |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> r : rows) {
            boolean ok = "ok".equals(r.get("status"));
            md.append(String.format(Locale.ROOT, "| %s | %,d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.get("tool"), (int) r.get("n"), (int) r.get("dim"),
                    ok ? num(r.get("first_render_ms"), "%.0f") : String.valueOf(r.get("status")),
                    r.containsKey("frame_status") ? r.get("frame_status") : num(r.get("frame_median_ms"), "%.1f"),
                    num(r.get("frame_p95_ms"), "%.1f"), num(r.get("frames"), "%.0f"),
                    num(r.get("data_bytes_per_point"), "%.2f"), num(r.get("points_bytes_per_point"), "%.2f"),
                    num(r.get("total_mb"), "%.2f"),
                    num(r.get("memory_mb"), "%.0f"), num(r.get("js_heap_mb"), "%.0f")));
        }
        List<Map<String, Object>> relayout = rows.stream().filter(r -> r.containsKey("relayout_motion")).toList();
        if (!relayout.isEmpty()) {
            md.append("\nPlotly moved through `Plotly.relayout` instead of a drag:\n\n");
            md.append("| n | dim | frame median ms | frame p95 ms | frames |\n|---:|---:|---:|---:|---:|\n");
            for (Map<String, Object> r : relayout) {
                md.append(String.format(Locale.ROOT, "| %,d | %d | %s | %s | %s |%n", (int) r.get("n"), (int) r.get("dim"),
                        r.containsKey("relayout_frame_status") ? r.get("relayout_frame_status") : num(r.get("relayout_frame_median_ms"), "%.1f"),
                        num(r.get("relayout_frame_p95_ms"), "%.1f"), num(r.get("relayout_frames"), "%.0f")));
            }
        }
        List<Map<String, Object>> ratios = ratios(rows);
        if (!ratios.isEmpty()) {
            md.append("\n| n | dim | first render Starmap / Plotly | frame median Starmap / Plotly | frame p95 Starmap / Plotly |\n");
            md.append("|---:|---:|---:|---:|---:|\n");
            for (Map<String, Object> r : ratios) {
                md.append(String.format(Locale.ROOT, "| %,d | %d | %s | %s | %s |%n", (int) r.get("n"), (int) r.get("dim"),
                        ratio(r.get("first_render_ms")), ratio(r.get("frame_median_ms")), ratio(r.get("frame_p95_ms"))));
            }
        }
        return md.toString();
    }

    private static String ratio(Object v) {
        return v instanceof String bound ? bound : num(v, "%.3f");
    }

    private static String num(Object v, String format) {
        return v instanceof Number x ? String.format(Locale.ROOT, format, x.doubleValue()) : "—";
    }
}
