/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.By;
import starmap.server.StarmapServer;

/**
 * {@code starmap-bench curation}: the cleaning workflow's speed on a generated atlas (default
 * 1,000,000 points, 50 classes, a 2-D layout), against the real server in headless Chromium.
 *
 * <ul>
 *   <li>lasso: a real pointer drag (ChromeDriver input) around part of the map in lasso mode (rings of
 *       three sizes: about a cluster, a region, and much of the map); the time
 *       from releasing the mouse to the second animation frame after the selection is applied (the
 *       frame that shows it), as the viewer measures it ({@code starmap.lastSelectMs});</li>
 *   <li>filter: the filter panel's "select matching" on a category (two classes of fifty): request,
 *       server query, bitmap decode and the frame that shows it;</li>
 *   <li>relabel: {@code POST /annotations} of 100,000 rows from a Java HTTP client, request to
 *       acknowledged commit.</li>
 * </ul>
 * Each is repeated ({@code --repeats}, default 5) and reported as median and maximum.
 */
public final class CurationBench {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CurationBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = 1_000_000;
        int repeats = 5;
        Path work = Path.of("bench-data", "viewer");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--points" -> n = Integer.parseInt(args[i + 1]);
                case "--repeats" -> repeats = Integer.parseInt(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --points, --repeats, --work)");
            }
        }
        Files.createDirectories(work);
        Path source = ClusterPoints.generate(n).atlas(work);
        Path copy = Files.createTempFile(work, "curation-", ".duckdb");
        Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf(Locale.ROOT, "curation benchmark: %,d points, %d repeats, %s%n", n, repeats, copy);
        try (StarmapServer server = StarmapServer.start(StarmapServer.Options.localWritable(Map.of("bench", copy), 0));
             HeadlessChromium chromium = new HeadlessChromium(1400, 900, List.of())) {
            chromium.open(server.url() + "#layout=" + ClusterPoints.LAYOUT_2D + "&labels=off&edges=0");
            long start = System.nanoTime();
            while (!Boolean.TRUE.equals(chromium.js("return !!(window.starmap && window.starmap.ready "
                    + "&& !window.starmap.busy && window.starmap.frames > 0);"))) {
                if (System.nanoTime() - start > Duration.ofMinutes(3).toNanos()) {
                    throw new IllegalStateException("the viewer did not get ready in 3 minutes");
                }
                Thread.sleep(100);
            }
            System.out.println("  browser " + chromium.version());
            // lassos of three sizes: about one cluster, a region, and much of the map
            for (double radius : new double[] {0.05, 0.1, 0.2}) {
                report(String.format(Locale.ROOT, "lasso r=%.2f (release → drawn)", radius),
                        lasso(chromium, repeats, radius), 200);
            }
            report("filter (click → drawn)", filter(chromium, repeats), 300);
            report("relabel 100,000 (request → committed)", relabel(server, n, repeats), 1000);
        } finally {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(Path.of(copy + ".wal"));
        }
    }

    private static void report(String what, double[] ms, double floor) {
        double[] s = ms.clone();
        Arrays.sort(s);
        double median = s[s.length / 2];
        System.out.printf(Locale.ROOT, "  %-40s median %7.1f ms  max %7.1f ms  (floor %.0f ms: %s)  runs %s%n", what,
                median, s[s.length - 1], floor, median <= floor ? "met" : "NOT met", Arrays.toString(ms));
    }

    private static double[] lasso(HeadlessChromium c, int repeats, double radius) throws InterruptedException {
        c.js("document.getElementById('tool-lasso').click();");
        WebElement overlay = c.driver().findElement(By.id("overlay"));
        int w = overlay.getRect().getWidth();
        int h = overlay.getRect().getHeight();
        double[] out = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            // a different ring each time, about a third of the map
            double cx = w * (0.4 + 0.05 * r);
            double cy = h * 0.5;
            List<int[]> ring = new ArrayList<>();
            for (int k = 0; k < 24; k++) {
                double a = 2 * Math.PI * k / 24;
                ring.add(new int[] {(int) (cx + w * radius * Math.cos(a)), (int) (cy + h * radius * 1.25 * Math.sin(a))});
            }
            c.js("window.starmap.lastSelectMsBefore = window.starmap.lastSelectMs;");
            Actions a = new Actions(c.driver()).moveToElement(overlay, ring.get(0)[0] - w / 2, ring.get(0)[1] - h / 2)
                    .clickAndHold();
            for (int[] p : ring.subList(1, ring.size())) {
                a.moveToElement(overlay, p[0] - w / 2, p[1] - h / 2);
            }
            a.release().perform();
            out[r] = waitForNewTiming(c);
            long count = ((Number) c.js("return window.starmap.selectedCount;")).longValue();
            if (count == 0) {
                throw new IllegalStateException("the lasso selected nothing");
            }
            System.out.printf(Locale.ROOT, "    lasso %d: %,d points selected, %.1f ms to compute, %.1f ms to the drawn frame%n",
                    r + 1, count, ((Number) c.js("return window.starmap.lastComputeMs;")).doubleValue(), out[r]);
        }
        c.js("document.getElementById('tool-lasso').click();");
        return out;
    }

    private static double waitForNewTiming(HeadlessChromium c) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
            Object v = c.js("return window.starmap.lastSelectMs !== window.starmap.lastSelectMsBefore "
                    + "? window.starmap.lastSelectMs : null;");
            if (v != null) {
                return ((Number) v).doubleValue();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no selection timing within 60 s");
    }

    private static double[] filter(HeadlessChromium c, int repeats) throws InterruptedException {
        double[] out = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            String values = ClusterPoints.label(2 * r) + ", " + ClusterPoints.label(2 * r + 1);
            c.js("document.getElementById('filter-column').value = arguments[0];"
                    + "document.getElementById('filter-op').value = 'in';"
                    + "document.getElementById('filter-value').value = arguments[1];"
                    + "window.starmap.lastSelectMsBefore = window.starmap.lastSelectMs;"
                    + "document.getElementById('filter-apply').click();", "label", values);
            out[r] = waitForNewTiming(c);
        }
        return out;
    }

    private static double[] relabel(StarmapServer server, int n, int repeats) throws Exception {
        double[] out = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            StringBuilder rows = new StringBuilder("{\"action\": \"relabel\", \"value\": \"checked-" + r
                    + "\", \"author\": \"bench\", \"rows\": [");
            int step = Math.max(1, n / 100_000);
            int count = 0;
            for (int i = r; i < n && count < 100_000; i += step, count++) {
                rows.append(count == 0 ? "" : ",").append(i);
            }
            rows.append("]}");
            HttpRequest req = HttpRequest.newBuilder(URI.create(server.url() + "api/atlases/bench/annotations"))
                    .POST(HttpRequest.BodyPublishers.ofString(rows.toString())).build();
            long t0 = System.nanoTime();
            HttpResponse<String> resp = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
            out[r] = (System.nanoTime() - t0) / 1e6;
            if (resp.statusCode() != 200 || !resp.body().contains("\"count\":" + count)) {
                throw new IllegalStateException("relabel failed: " + resp.statusCode() + " " + resp.body());
            }
        }
        return out;
    }
}
