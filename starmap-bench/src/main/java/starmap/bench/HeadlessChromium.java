/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A fresh headless Debian Chromium driven through ChromeDriver, started as the server's browser tests
 * start it ({@code starmap-server}'s {@code Browser}): WebGL2 in software (SwiftShader), a new profile
 * (so an empty HTTP cache), no background network traffic. Adds precise {@code performance.memory} and
 * can sum the proportional set size of its own processes.
 */
final class HeadlessChromium implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Selenium's warning that it has no DevTools bindings for this Chromium (unused here) stays quiet. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static {
        QUIET.setLevel(java.util.logging.Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path profile;

    /** Memory of the browser's processes: the sum of their PSS (RSS where PSS cannot be read), in MiB. */
    record Memory(double mb, int processes, boolean pss) {
    }

    HeadlessChromium(int width, int height, List<String> extraFlags) throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("the viewer benchmark needs Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver): " + CHROMIUM + ", " + CHROMEDRIVER);
        }
        profile = Files.createTempDirectory("starmap-bench-chromium");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--enable-precise-memory-info", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        o.addArguments(extraFlags);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(3));
    }

    /** The driver itself, for what the helpers here do not cover (input actions, element lookups). */
    ChromeDriver driver() {
        return driver;
    }

    String version() {
        return String.valueOf(driver.getCapabilities().getBrowserVersion());
    }

    void open(String url) {
        driver.get(url);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs an asynchronous script (it calls {@code arguments[arguments.length - 1]} with its result). */
    Object async(Duration timeout, String script, Object... args) {
        driver.manage().timeouts().scriptTimeout(timeout);
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Sums the memory of every Chromium process this JVM started (ChromeDriver itself excluded). */
    static Memory memory() {
        long kb = 0;
        int count = 0;
        boolean allPss = true;
        for (ProcessHandle p : browserProcesses()) {
            long pss = procKb(p.pid(), "smaps_rollup", "Pss:");
            if (pss < 0) {
                allPss = false;
                pss = procKb(p.pid(), "status", "VmRSS:");
            }
            if (pss >= 0) {
                kb += pss;
                count++;
            }
        }
        return new Memory(kb / 1024.0, count, allPss);
    }

    private static List<ProcessHandle> browserProcesses() {
        return ProcessHandle.current().descendants()
                .filter(p -> !p.info().command().orElse("").endsWith("chromedriver")).toList();
    }

    private static long procKb(long pid, String file, String key) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), file))) {
            return lines.filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Quits the browser; if it does not quit within a minute (a page stuck in a long script), ends the
     * processes this browser started, then deletes the profile.
     */
    @Override
    public void close() {
        List<ProcessHandle> started = new ArrayList<>(ProcessHandle.current().descendants().toList());
        try {
            CompletableFuture.runAsync(driver::quit).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("chromium did not quit cleanly (" + e + "); ending its processes");
        }
        for (ProcessHandle p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
