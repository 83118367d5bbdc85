/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import starmap.core.InvalidInputException;
import starmap.core.graph.KnnGraph;
import starmap.core.layout.Embedding;
import starmap.core.layout.Layout;
import starmap.core.layout.LayoutManifest;
import starmap.core.vectors.DenseVectors;
import starmap.store.annotations.AnnotationAction;
import starmap.store.annotations.AnnotationLog;
import starmap.store.annotations.PointState;
import starmap.store.importers.ImportOptions;
import starmap.store.importers.Importer;
import starmap.store.schema.Migrations;
import starmap.testkit.GaussianClusters;
import starmap.testkit.Seeds;
import starmap.testkit.TestFiles;

class AtlasIT {
    @TempDir
    Path dir;

    private Path atlasOf(int n, int d) throws Exception {
        GaussianClusters data = GaussianClusters.generate(n, d, 3, 5, Seeds.seed());
        Path npy = TestFiles.npyFloat32(dir.resolve("v.npy"), data.vectors(), n, d);
        Path atlas = dir.resolve("a.duckdb");
        Importer.run(ImportOptions.builder(atlas, List.of(npy)).build(), starmap.core.progress.Progress.NONE);
        return atlas;
    }

    @Test
    void a_new_atlas_records_its_schema_version() {
        Path p = dir.resolve("new.duckdb");
        try (Atlas a = Atlas.create(p)) {
            assertThat(a.info()).containsEntry("schema_version", Integer.toString(Migrations.current()))
                    .containsKey("created_at");
            assertThat(a.pointCount()).isZero();
            assertThat(a.hasPoints()).isFalse();
        }
        try (Atlas a = Atlas.open(p)) {
            assertThat(a.layouts().list()).isEmpty();
        }
    }

    @Test
    void an_atlas_of_a_newer_schema_is_refused_with_a_clear_message() throws Exception {
        Path p = dir.resolve("future.duckdb");
        Atlas.create(p).close();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + p); Statement s = c.createStatement()) {
            s.execute("UPDATE atlas_info SET value = '99' WHERE key = 'schema_version'");
        }
        assertThatThrownBy(() -> Atlas.open(p)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("written with atlas schema version 99")
                .hasMessageContaining("reads versions up to " + Migrations.current())
                .hasMessageContaining("upgrade Starmap");
    }

    @Test
    void files_that_are_not_atlases_are_named_as_such() throws Exception {
        assertThatThrownBy(() -> Atlas.open(dir.resolve("missing.duckdb"))).hasMessageContaining("does not exist");
        Path text = Files.writeString(dir.resolve("points.csv"), "id,x\n1,2\n");
        assertThatThrownBy(() -> Atlas.open(text)).hasMessageContaining("is not a DuckDB database file");
        Path other = dir.resolve("other.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + other); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x INTEGER)");
        }
        assertThatThrownBy(() -> Atlas.open(other)).hasMessageContaining("not a Starmap atlas (tables: t)");
        assertThatThrownBy(() -> Atlas.create(other)).hasMessageContaining("already exists");
    }

    @Test
    void older_schemas_are_migrated_forward_step_by_step() throws Exception {
        Path p = dir.resolve("m.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + p)) {
            c.setAutoCommit(false);
            Migrations.apply(c, Migrations.ALL, 0);
            var v2 = new starmap.store.schema.Migration(Migrations.current() + 1, "test step",
                    List.of("CREATE TABLE test_step (x INTEGER)"));
            List<starmap.store.schema.Migration> steps = new java.util.ArrayList<>(Migrations.ALL);
            steps.add(v2);
            Migrations.apply(c, steps, Migrations.current());
            c.commit();
            try (Statement s = c.createStatement(); var rs = s.executeQuery(
                    "SELECT list(version ORDER BY version) FROM schema_history")) {
                rs.next();
                String expected = java.util.stream.IntStream.rangeClosed(1, Migrations.current() + 1)
                        .mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
                assertThat(rs.getString(1)).isEqualTo(expected);
            }
        }
    }

    @Test
    void vectors_come_back_exactly_in_row_order() throws Exception {
        GaussianClusters data = GaussianClusters.generate(20_000, 7, 3, 5, Seeds.seed());
        Path npy = TestFiles.npyFloat32(dir.resolve("v.npy"), data.vectors(), 20_000, 7);
        Path atlas = dir.resolve("v.duckdb");
        Importer.run(ImportOptions.builder(atlas, List.of(npy)).build(), starmap.core.progress.Progress.NONE);
        try (Atlas a = Atlas.openReadOnly(atlas); DenseVectors v = a.readVectors()) {
            assertThat(v.size()).isEqualTo(20_000);
            float[] all = new float[20_000 * 7];
            for (int i = 0; i < 20_000; i++) {
                v.read(i, all, i * 7);
            }
            assertThat(all).containsExactly(data.vectors());
            assertThat(a.ids().id(19_999)).isEqualTo("19999");
        }
    }

    @Test
    void layouts_round_trip_with_their_manifest() throws Exception {
        Path atlas = atlasOf(5, 3);
        float[] coords = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        LayoutManifest m = new LayoutManifest("tsne-2d", "tsne", 2, Map.of("perplexity", 30.0, "seed", 1),
                Map.of("knn", Duration.ofMillis(15), "optimize", Duration.ofNanos(2_500_000)),
                Map.of("knn_preservation@10", 0.5), Instant.parse("2026-11-22T10:00:00Z"));
        try (Atlas a = Atlas.open(atlas)) {
            a.layouts().save(new Layout(m, Embedding.of(2, coords)), false);
            assertThatThrownBy(() -> a.layouts().save(new Layout(m, Embedding.of(2, coords)), false))
                    .hasMessageContaining("already exists");
            assertThatThrownBy(() -> a.layouts().save(new Layout(m.withName("short"), Embedding.of(2, new float[4])),
                    false)).hasMessageContaining("has 2 points but the atlas has 5");
            a.layouts().updateMetrics("tsne-2d", Map.of("kl", 1.25));
        }
        try (Atlas a = Atlas.openReadOnly(atlas)) {
            Layout back = a.layouts().get("tsne-2d");
            assertThat(back.coordinates().toArray()).containsExactly(coords);
            assertThat(back.manifest().parameters()).containsEntry("perplexity", 30.0).containsEntry("seed", 1);
            assertThat(back.manifest().timings()).containsEntry("optimize", Duration.ofNanos(2_500_000));
            assertThat(back.manifest().metrics()).containsEntry("kl", 1.25).containsEntry("knn_preservation@10", 0.5);
            assertThat(back.manifest().createdAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
            assertThatThrownBy(() -> a.layouts().get("nope")).hasMessageContaining("layouts: tsne-2d");
        }
    }

    @Test
    void knn_graphs_round_trip() throws Exception {
        Path atlas = atlasOf(3, 2);
        KnnGraph g = KnnGraph.of(3, 2, new int[] {1, 2, 0, 2, 1, 0}, new float[] {1, 2, 1, 3, 2, 2});
        try (Atlas a = Atlas.open(atlas)) {
            a.knnGraphs().save(new KnnGraphInfo("knn15", 2, "euclidean", Map.of("method", "exact"), Instant.EPOCH), g);
            assertThat(a.knnGraphs().get("knn15")).isEqualTo(g);
            assertThat(a.knnGraphs().list()).singleElement().satisfies(i -> {
                assertThat(i.metric()).isEqualTo("euclidean");
                assertThat(i.parameters()).containsEntry("method", "exact");
            });
        }
    }

    @Test
    void the_annotation_log_replays_into_point_state() throws Exception {
        Path atlas = atlasOf(6, 2);
        try (Atlas a = Atlas.open(atlas)) {
            AnnotationLog log = a.annotations();
            log.append("ana", AnnotationAction.TAG, "blurry", new int[] {0, 1, 2, 2}, null);
            log.append("ana", AnnotationAction.RELABEL, "cat", new int[] {1}, "was dog");
            log.append("bo", AnnotationAction.UNTAG, "blurry", new int[] {1}, null);
            log.append("bo", AnnotationAction.DELETE, null, new int[] {2, 3}, null);
            log.append("bo", AnnotationAction.RESTORE, null, new int[] {3}, null);
            log.append("ana", AnnotationAction.RELABEL, "dog", new int[] {1}, null);
            Map<Integer, PointState> s = log.states();
            assertThat(s.get(0)).isEqualTo(new PointState(java.util.Optional.empty(), false, List.of("blurry")));
            assertThat(s.get(1)).isEqualTo(new PointState(java.util.Optional.of("dog"), false, List.of()));
            assertThat(s.get(2).deleted()).isTrue();
            assertThat(s.get(3).deleted()).isFalse();
            assertThat(s).doesNotContainKey(4);
            assertThat(log.all()).hasSize(6);
            assertThat(log.all().get(0).rows()).containsExactly(0, 1, 2);
            assertThat(log.since(4)).extracting(x -> x.action()).containsExactly(AnnotationAction.RESTORE,
                    AnnotationAction.RELABEL);
            assertThatThrownBy(() -> log.append("x", AnnotationAction.TAG, null, new int[] {0}, null))
                    .hasMessageStartingWith("value must be a non-empty tag or label for tag");
            assertThatThrownBy(() -> log.append("x", AnnotationAction.DELETE, null, new int[] {6}, null))
                    .hasMessage("rows must be row indices in [0, 6), got [6 … 6]");
        }
    }

    @Test
    void undo_reverts_an_entry_without_losing_a_later_edit_by_someone_else() throws Exception {
        Path atlas = atlasOf(6, 2);
        try (Atlas a = Atlas.open(atlas)) {
            AnnotationLog log = a.annotations();
            long first = log.append("ana", AnnotationAction.RELABEL, "cat", new int[] {0, 1, 2}, null).seq();
            long second = log.append("bo", AnnotationAction.RELABEL, "dog", new int[] {2}, null).seq();
            long deleted = log.append("ana", AnnotationAction.DELETE, null, new int[] {0}, null).seq();
            log.undo("ana", first);
            Map<Integer, PointState> s = log.states();
            // rows 0 and 1 are as before ana's relabel; bo's later relabel of row 2 stands
            assertThat(s.get(0).currentLabel()).isEmpty();
            assertThat(s.get(0).deleted()).isTrue();
            assertThat(s).doesNotContainKey(1);
            assertThat(s.get(2).currentLabel()).contains("dog");
            log.undo("ana", deleted);
            assertThat(log.states()).doesNotContainKey(0);
            log.redo("ana", first);
            assertThat(log.states().get(1).currentLabel()).contains("cat");
            assertThat(log.states().get(2).currentLabel()).contains("dog");
            assertThat(log.history(0)).extracting(LogEntryView::of).containsExactly(
                    first + ":true", second + ":true", deleted + ":false");
            assertThat(log.version()).isGreaterThan(deleted);
            assertThatThrownBy(() -> log.undo("ana", deleted)).hasMessageContaining("already undone");
            assertThatThrownBy(() -> log.redo("ana", second)).hasMessageContaining("is in effect");
            assertThatThrownBy(() -> log.undo("ana", 999)).hasMessageContaining("the number of an entry");
        }
    }

    /** "seq:inEffect", for compact assertions. */
    private static final class LogEntryView {
        static String of(AnnotationLog.Entry e) {
            return e.annotation().seq() + ":" + e.inEffect();
        }
    }
}
