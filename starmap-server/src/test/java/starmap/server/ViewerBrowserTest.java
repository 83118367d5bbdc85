/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The viewer in a real headless Chromium against a real server on 127.0.0.1 and a real atlas. The
 * screenshots land in {@code starmap-server/target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ViewerBrowserTest {
    /** The page background, #0b0d12. */
    private static final int BACKGROUND = 0x0b0d12;
    private static StarmapServer server;
    private static Browser browser;

    @BeforeAll
    static void open() {
        server = StarmapServer.start(StarmapServer.Options.local(Map.of("shapes", TestAtlas.path()), 0));
        browser = new Browser(1200, 800);
        browser.driver.get(server.url());
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

    /** Pixels of the map area (below the bar, right of the legend) that are not background. */
    private static int mapPixels(BufferedImage img, int rgb, int tolerance) {
        int count = 0;
        for (int y = 60; y < img.getHeight(); y++) {
            for (int x = 260; x < img.getWidth() - 10; x++) {
                int p = img.getRGB(x, y) & 0xFFFFFF;
                if (rgb < 0 ? distance(p, BACKGROUND) > 24 : distance(p, rgb) <= tolerance) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int distance(int a, int b) {
        return Math.abs((a >> 16 & 255) - (b >> 16 & 255)) + Math.abs((a >> 8 & 255) - (b >> 8 & 255))
                + Math.abs((a & 255) - (b & 255));
    }

    /** A point of class {@code cls} that is drawn on screen, away from the panels. */
    private static int[] pointOf(int cls) {
        int[] labels = TestAtlas.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == cls) {
                @SuppressWarnings("unchecked")
                List<Number> s = (List<Number>) browser.js("return window.starmap.screenOf(arguments[0]);", i);
                if (s != null && s.get(0).intValue() > 300 && s.get(0).intValue() < 850 && s.get(1).intValue() > 80) {
                    return new int[] {i, s.get(0).intValue(), s.get(1).intValue()};
                }
            }
        }
        throw new AssertionError("no point of class " + cls + " on screen");
    }

    @Test
    @Order(1)
    void the_canvas_shows_every_class_in_its_colour() {
        BufferedImage img = browser.screenshot("01-tsne-2d");
        assertThat(mapPixels(img, -1, 0)).as("non-background pixels").isGreaterThan(2000);
        // Tableau colours of the four classes (points are shaded towards their rims, hence the tolerance)
        for (int rgb : new int[] {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2}) {
            assertThat(mapPixels(img, rgb, 40)).as("pixels of %06x", rgb).isGreaterThan(100);
        }
    }

    @Test
    @Order(2)
    void hovering_a_point_shows_its_label() {
        int[] p = pointOf(1);
        new Actions(browser.driver).moveToLocation(p[1], p[2]).perform();
        browser.waitFor("!document.getElementById('tooltip').hidden", Duration.ofSeconds(10));
        WebElement tip = browser.driver.findElement(By.id("tooltip"));
        assertThat(tip.getText()).contains(TestAtlas.CLASSES.get(TestAtlas.labels()[p[0]]));
        assertThat(tip.findElements(By.tagName("img"))).hasSize(1);
        browser.screenshot("02-hover");
        new Actions(browser.driver).moveToLocation(5, 400).perform();
    }

    @Test
    @Order(3)
    void hiding_a_legend_class_removes_its_colour() {
        WebElement bee = browser.driver.findElement(By.cssSelector("#legend .item[data-value='bee']"));
        // the legend orders classes by count; bee's colour is its swatch's
        String swatch = bee.findElement(By.className("swatch")).getCssValue("background-color");
        int[] c = java.util.Arrays.stream(swatch.replaceAll("[^0-9,]", "").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        int beeColor = c[0] << 16 | c[1] << 8 | c[2];
        int before = mapPixels(browser.screenshot("03-before-hide"), beeColor, 40);
        bee.click();
        browser.waitFor("document.querySelector(\"#legend .item[data-value='bee']\").classList.contains('hidden')",
                Duration.ofSeconds(5));
        browser.settle();
        int after = mapPixels(browser.screenshot("03-bee-hidden"), beeColor, 40);
        assertThat(before).isGreaterThan(100);
        assertThat(after).isLessThan(before / 20 + 5);
        assertThat(browser.driver.getCurrentUrl()).contains("hidden=");
        // the legend is redrawn on every change: find the item again
        browser.driver.findElement(By.cssSelector("#legend .item[data-value='bee']")).click();
        browser.waitFor("!document.querySelector(\"#legend .item[data-value='bee']\").classList.contains('hidden')",
                Duration.ofSeconds(5));
        browser.settle();
    }

    @Test
    @Order(4)
    void clicking_a_point_opens_its_details() {
        int[] p = pointOf(2);
        new Actions(browser.driver).moveToLocation(p[1], p[2]).click().perform();
        browser.waitFor("!document.getElementById('details').hidden", Duration.ofSeconds(10));
        browser.waitFor("window.starmap.selected >= 0", Duration.ofSeconds(10));
        long row = ((Number) browser.js("return window.starmap.selected;")).longValue();
        WebElement details = browser.driver.findElement(By.id("details"));
        assertThat(details.findElement(By.tagName("h2")).getText()).isEqualTo(Long.toString(row));
        assertThat(details.getText()).contains(TestAtlas.CLASSES.get(TestAtlas.labels()[(int) row]));
        assertThat(details.findElements(By.cssSelector(".neighbors li"))).hasSize(10);
        browser.settle();
        browser.screenshot("04-details");
    }

    @Test
    @Order(5)
    void searching_an_id_selects_and_highlights_it() {
        WebElement search = browser.driver.findElement(By.id("search"));
        search.clear();
        search.sendKeys("123", Keys.ENTER);
        browser.waitFor("window.starmap.selected === 123", Duration.ofSeconds(10));
        browser.waitFor("document.querySelector('#details h2').textContent === '123'", Duration.ofSeconds(10));
        browser.settle();
        browser.screenshot("05-search");
    }

    @Test
    @Order(6)
    void switching_to_a_3d_layout_and_back_keeps_drawing_points() {
        new Select(browser.driver.findElement(By.id("layout"))).selectByValue("tsne-3d");
        browser.waitFor("window.starmap.dimension === 3", Duration.ofSeconds(20));
        browser.settle();
        assertThat(mapPixels(browser.screenshot("06-tsne-3d"), -1, 0)).isGreaterThan(2000);
        new Select(browser.driver.findElement(By.id("layout"))).selectByValue("pca-2d");
        browser.waitFor("window.starmap.dimension === 2", Duration.ofSeconds(20));
        browser.settle();
        assertThat(mapPixels(browser.screenshot("07-pca-2d"), -1, 0)).isGreaterThan(2000);
    }

    @Test
    @Order(7)
    void the_url_restores_the_view() {
        String url = browser.driver.getCurrentUrl();
        assertThat(url).contains("layout=pca-2d").contains("color=label").contains("selected=123");
        browser.driver.navigate().refresh();
        browser.waitFor("window.starmap && window.starmap.ready", Duration.ofSeconds(60));
        browser.waitFor("window.starmap.selected === 123", Duration.ofSeconds(10));
        assertThat(new Select(browser.driver.findElement(By.id("layout"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("pca-2d");
    }

    @Test
    @Order(8)
    void class_names_label_the_map_and_the_graph_is_drawn() {
        browser.waitFor("window.starmap.labels.length === 4", Duration.ofSeconds(10));
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) browser.js("return window.starmap.labels;");
        assertThat(labels).containsExactlyInAnyOrderElementsOf(TestAtlas.CLASSES);
        assertThat(browser.driver.findElements(By.cssSelector("#labels-layer span"))).hasSize(4);
        browser.waitFor("window.starmap.edgesLoaded > 0", Duration.ofSeconds(20));
        assertThat(((Number) browser.js("return window.starmap.edgesDrawn;")).intValue()).isPositive();
        browser.screenshot("08-labels-and-edges");
    }

    @Test
    @Order(9)
    void marker_shapes_follow_a_category() {
        browser.driver.findElement(By.id("view-button")).click();
        new Select(browser.driver.findElement(By.id("shape"))).selectByValue("label");
        browser.waitFor("document.getElementById('legend').textContent.includes('shape: label')", Duration.ofSeconds(10));
        browser.settle();
        BufferedImage img = browser.screenshot("09-shapes");
        assertThat(mapPixels(img, -1, 0)).isGreaterThan(2000);
        assertThat(browser.driver.getCurrentUrl()).contains("shape=label");
    }

    @Test
    @Order(10)
    void pasted_ids_stand_out_with_their_connections() {
        WebElement ids = browser.driver.findElement(By.id("set-ids"));
        ids.clear();
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            list.append(i).append('\n');
        }
        ids.sendKeys(list + "not-an-id");
        browser.driver.findElement(By.id("set-apply")).click();
        browser.waitFor("window.starmap.highlighted.length === 40", Duration.ofSeconds(10));
        String status = browser.driver.findElement(By.id("set-status")).getText();
        assertThat(status).contains("40 highlighted").contains("connections in").contains("1 unknown");
        browser.settle();
        // the rings' colour, #80d9ff
        assertThat(mapPixels(browser.screenshot("10-highlighted-ids"), 0x80d9ff, 30)).isGreaterThan(200);
        browser.driver.findElement(By.id("set-clear")).click();
        browser.waitFor("window.starmap.highlighted.length === 0", Duration.ofSeconds(10));
    }

    @Test
    @Order(11)
    void in_3d_the_glow_and_fly_controls_work() {
        new Select(browser.driver.findElement(By.id("layout"))).selectByValue("tsne-3d");
        browser.waitFor("window.starmap.dimension === 3", Duration.ofSeconds(20));
        browser.settle();
        browser.driver.findElement(By.id("glow")).click();
        browser.waitFor("window.starmap.glowing", Duration.ofSeconds(5));
        browser.settle();
        assertThat(mapPixels(browser.screenshot("11-glow"), -1, 0)).isGreaterThan(2000);
        browser.driver.findElement(By.id("fly")).click();
        browser.waitFor("window.starmap.flying", Duration.ofSeconds(5));
        browser.js("window.hashBeforeFlight = location.hash;");
        // W flies forward: the camera moves, and the URL follows it
        new Actions(browser.driver).keyDown("w").pause(Duration.ofMillis(600)).keyUp("w").perform();
        browser.waitFor("location.hash !== window.hashBeforeFlight", Duration.ofSeconds(5));
        // typing in the search box does not fly
        WebElement search = browser.driver.findElement(By.id("search"));
        search.click();
        browser.js("window.hashWhileTyping = location.hash;");
        search.sendKeys("wwww");
        new Actions(browser.driver).pause(Duration.ofMillis(700)).perform();
        assertThat(browser.js("return location.hash === window.hashWhileTyping;")).isEqualTo(true);
        search.clear();
        browser.driver.findElement(By.id("fly")).click();
        browser.waitFor("!window.starmap.flying", Duration.ofSeconds(5));
        browser.driver.findElement(By.id("glow")).click();
        browser.waitFor("!window.starmap.glowing", Duration.ofSeconds(5));
    }
}
