/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The cleaning workflow in a real headless Chromium against a real server over a writable copy of a
 * real atlas: lasso, filter, relabel, restart, undo, export.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CurationBrowserTest {
    private static Path atlas;
    private static StarmapServer server;
    private static Browser browser;

    @BeforeAll
    static void open() {
        try {
            atlas = Files.copy(TestAtlas.path(), Files.createTempDirectory("starmap-curation").resolve("shapes.duckdb"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = StarmapServer.start(StarmapServer.Options.localWritable(Map.of("shapes", atlas), 0));
        browser = new Browser(1200, 800);
        load();
    }

    private static void load() {
        browser.driver.get(server.url() + "#layout=tsne-2d&labels=off&edges=0");
        browser.waitFor("window.starmap && window.starmap.ready", Duration.ofSeconds(60));
        browser.settle();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The server's own answer for a polygon given in canvas pixels, with the page's current camera. */
    private static long serverCount(List<int[]> poly) {
        StringBuilder pts = new StringBuilder("[");
        for (int[] p : poly) {
            pts.append(pts.length() > 1 ? "," : "").append('[').append(p[0]).append(',').append(p[1]).append(']');
        }
        pts.append(']');
        Object n = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const [xs, ys] = window.starmap.toDevice(" + pts + ");"
                        + "fetch('api/atlases/shapes/select', {method: 'POST', body: JSON.stringify({layout: 'tsne-2d',"
                        + " matrix: window.starmap.viewProjection(), polygon: xs.map((x, i) => [x, ys[i]])})})"
                        + ".then(r => r.json()).then(j => done(j.count));");
        return ((Number) n).longValue();
    }

    /** Pixels drawn in one of the four classes' full colours. */
    private static int classPixels(java.awt.image.BufferedImage img) {
        int n = 0;
        for (int y = 60; y < img.getHeight(); y++) {
            for (int x = 360; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y) & 0xFFFFFF;
                for (int c : new int[] {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2}) {
                    int d = Math.abs((p >> 16) - (c >> 16)) + Math.abs((p >> 8 & 255) - (c >> 8 & 255))
                            + Math.abs((p & 255) - (c & 255));
                    if (d <= 40) {
                        n++;
                        break;
                    }
                }
            }
        }
        return n;
    }

    @Test
    @Order(1)
    void a_lasso_selects_exactly_what_the_server_counts_inside_it() {
        int before = classPixels(browser.screenshot("19-before-lasso"));
        browser.driver.findElement(By.id("tool-lasso")).click();
        WebElement overlay = browser.driver.findElement(By.id("overlay"));
        int w = overlay.getRect().getWidth();
        int h = overlay.getRect().getHeight();
        // a pentagon around the middle of the map, in canvas pixels
        List<int[]> poly = List.of(new int[] {w / 4, h / 4}, new int[] {w * 3 / 4, h / 5}, new int[] {w * 4 / 5, h * 3 / 5},
                new int[] {w / 2, h * 4 / 5}, new int[] {w / 5, h * 3 / 5});
        Actions a = new Actions(browser.driver).moveToElement(overlay, poly.get(0)[0] - w / 2, poly.get(0)[1] - h / 2)
                .clickAndHold();
        for (int[] p : poly.subList(1, poly.size())) {
            a.moveToElement(overlay, p[0] - w / 2, p[1] - h / 2);
        }
        a.release().perform();
        browser.waitFor("window.starmap.selectedCount > 0", Duration.ofSeconds(10));
        browser.settle();
        long selected = ((Number) browser.js("return window.starmap.selectedCount;")).longValue();
        assertThat(selected).isEqualTo(serverCount(poly)).isLessThan(TestAtlas.N);
        assertThat(browser.driver.findElement(By.id("sel-count")).getText()).isEqualTo(selected + " selected");
        assertThat(browser.driver.findElements(By.cssSelector("#sel-thumbs .thumb img"))).hasSize((int) Math.min(12, selected));
        // the rest fades: fewer pixels keep a class's full colour
        int after = classPixels(browser.screenshot("20-lasso"));
        assertThat(after).isLessThan(before * 9 / 10).isPositive();
        browser.driver.findElement(By.id("tool-lasso")).click();
    }

    @Test
    @Order(2)
    void a_filter_selects_the_points_of_the_condition() {
        browser.driver.findElement(By.id("filter-button")).click();
        new Select(browser.driver.findElement(By.id("filter-column"))).selectByValue("label");
        WebElement value = browser.driver.findElement(By.id("filter-value"));
        value.clear();
        value.sendKeys("bee, dog");
        browser.driver.findElement(By.id("filter-apply")).click();
        browser.waitFor("window.starmap.selectedCount === 300", Duration.ofSeconds(10));
        long expected = java.util.Arrays.stream(TestAtlas.labels()).filter(l -> l == 1 || l == 3).count();
        assertThat(expected).isEqualTo(300);
        browser.driver.findElement(By.id("filter-button")).click();
    }

    @Test
    @Order(3)
    void a_relabel_recolours_at_once_survives_a_restart_and_undo_restores_it() {
        // select the bees only, then relabel them
        browser.driver.findElement(By.id("filter-button")).click();
        WebElement value = browser.driver.findElement(By.id("filter-value"));
        value.clear();
        value.sendKeys("bee");
        browser.driver.findElement(By.id("filter-apply")).click();
        browser.waitFor("window.starmap.selectedCount === 150", Duration.ofSeconds(10));
        browser.driver.findElement(By.id("filter-button")).click();
        WebElement label = browser.driver.findElement(By.id("act-label"));
        label.sendKeys("wasp");
        browser.driver.findElement(By.id("act-relabel")).click();
        browser.waitFor("document.querySelector(\"#legend .item[data-value='wasp']\") !== null", Duration.ofSeconds(10));
        assertThat(browser.driver.findElement(By.cssSelector("#legend .item[data-value='wasp'] .count")).getText())
                .isEqualTo("150");
        assertThat(browser.driver.findElement(By.cssSelector("#legend .item[data-value='bee'] .count")).getText())
                .isEqualTo("0");
        browser.settle();
        browser.screenshot("21-relabelled");
        // the export holds the edit
        String csv = (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById('export-csv').href).then(r => r.text()).then(done);");
        assertThat(csv.lines().filter(l -> l.contains(",wasp,")).count()).isEqualTo(150);

        // a restart: the relabel is in the atlas
        server.close();
        server = StarmapServer.start(StarmapServer.Options.localWritable(Map.of("shapes", atlas), 0));
        load();
        browser.waitFor("document.querySelector(\"#legend .item[data-value='wasp']\") !== null", Duration.ofSeconds(10));
        assertThat(browser.driver.findElements(By.cssSelector("#history li"))).hasSize(1);

        // undo from the history list (this tab did not make the edit, the log did)
        browser.driver.findElement(By.cssSelector("#history li button")).click();
        browser.waitFor("document.querySelector(\"#legend .item[data-value='wasp']\") === null", Duration.ofSeconds(10));
        assertThat(browser.driver.findElement(By.cssSelector("#legend .item[data-value='bee'] .count")).getText())
                .isEqualTo("150");
        assertThat(browser.driver.findElement(By.cssSelector("#history li")).getAttribute("class")).contains("undone");
    }

    @Test
    @Order(4)
    void deleting_hides_points_and_ctrl_z_brings_them_back() {
        browser.js("window.starmap.select(10);");
        browser.waitFor("document.querySelector('.select-around') !== null", Duration.ofSeconds(10));
        browser.driver.findElement(By.className("select-around")).click();
        browser.waitFor("window.starmap.selectedCount === 11", Duration.ofSeconds(10));
        browser.driver.findElement(By.id("act-delete")).click();
        browser.waitFor("document.querySelectorAll('#history li').length === 2", Duration.ofSeconds(10));
        // deleted points leave the selection and the counts
        browser.waitFor("window.starmap.selectedCount === 0", Duration.ofSeconds(10));
        new Actions(browser.driver).keyDown(org.openqa.selenium.Keys.CONTROL).sendKeys("z")
                .keyUp(org.openqa.selenium.Keys.CONTROL).perform();
        browser.waitFor("document.querySelector('#history li').classList.contains('undone')", Duration.ofSeconds(10));
    }
}
