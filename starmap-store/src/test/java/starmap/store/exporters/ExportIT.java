/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.exporters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import starmap.core.layout.Embedding;
import starmap.core.layout.Layout;
import starmap.core.layout.LayoutManifest;
import starmap.core.progress.Progress;
import starmap.core.vectors.DenseVectors;
import starmap.store.Atlas;
import starmap.store.annotations.AnnotationAction;
import starmap.store.importers.ImportOptions;
import starmap.store.importers.Importer;
import starmap.testkit.GaussianClusters;
import starmap.testkit.Seeds;

class ExportIT {
    private static final int N = 300;
    private static final int D = 5;

    @TempDir
    Path dir;
    private Path atlas;
    private GaussianClusters data;

    @BeforeEach
    void importSample() throws Exception {
        data = GaussianClusters.generate(N, D, 3, 4, Seeds.seed());
        StringBuilder csv = new StringBuilder("id,label,weight,when");
        for (int j = 0; j < D; j++) {
            csv.append(",f").append(j);
        }
        csv.append('\n');
        for (int i = 0; i < N; i++) {
            csv.append("pt-").append(i).append(',').append("class ").append(data.labels()[i]).append(',')
                    .append(i * 0.25).append(",2024-03-").append(String.format("%02d", i % 28 + 1));
            for (int j = 0; j < D; j++) {
                csv.append(',').append(data.vectors()[i * D + j]);
            }
            csv.append('\n');
        }
        Path src = Files.writeString(dir.resolve("src.csv"), csv);
        atlas = dir.resolve("a.duckdb");
        Importer.run(ImportOptions.builder(atlas, List.of(src)).vectorColumns("f*").build(), Progress.NONE);
    }

    private ExportReport export(ExportFormat f, String out, Optional<String> layout, boolean vectors, boolean drop) {
        return Exporter.run(new ExportOptions(atlas, layout, f, dir.resolve(out), vectors, drop, false), Progress.NONE);
    }

    private void assertSameAsSource(Path reimported) {
        try (Atlas a = Atlas.openReadOnly(atlas); Atlas b = Atlas.openReadOnly(reimported);
             DenseVectors va = a.readVectors(); DenseVectors vb = b.readVectors()) {
            assertThat(vb.size()).isEqualTo(N);
            float[] ra = new float[D];
            float[] rb = new float[D];
            for (int i = 0; i < N; i++) {
                va.read(i, ra, 0);
                vb.read(i, rb, 0);
                assertThat(rb).as("row %d", i).containsExactly(ra);
                assertThat(b.ids().id(i)).isEqualTo(a.ids().id(i));
            }
            List<List<Object>> left = new java.util.ArrayList<>();
            List<List<Object>> right = new java.util.ArrayList<>();
            a.query("t", "SELECT label, weight, \"when\" FROM points ORDER BY row_idx", rs -> {
                while (rs.next()) {
                    left.add(List.of(rs.getString(1), rs.getDouble(2), rs.getObject(3).toString()));
                }
            });
            b.query("t", "SELECT label, weight, \"when\" FROM points ORDER BY row_idx", rs -> {
                while (rs.next()) {
                    right.add(List.of(rs.getString(1), rs.getDouble(2), rs.getObject(3).toString()));
                }
            });
            assertThat(right).isEqualTo(left);
        }
    }

    @Test
    void csv_export_reimports_to_the_same_vectors_and_metadata() {
        ExportReport r = export(ExportFormat.CSV, "out.csv", Optional.empty(), true, false);
        assertThat(r.rows()).isEqualTo(N);
        assertThat(r.columns()).startsWith("id", "label", "weight", "when", "current_label", "tags", "deleted", "vector_0");
        Path back = dir.resolve("back.duckdb");
        Importer.run(ImportOptions.builder(back, List.of(r.files().getFirst())).vectorColumns("vector_*").build(),
                Progress.NONE);
        assertSameAsSource(back);
    }

    @Test
    void parquet_export_reimports_to_the_same_vectors_and_metadata() {
        ExportReport r = export(ExportFormat.PARQUET, "out.parquet", Optional.empty(), true, false);
        Path back = dir.resolve("back.duckdb");
        Importer.run(ImportOptions.builder(back, List.of(r.files().getFirst())).vectorColumn("vector").build(),
                Progress.NONE);
        assertSameAsSource(back);
    }

    @Test
    void npy_export_holds_the_vectors_and_a_row_aligned_csv_the_rest() {
        ExportReport r = export(ExportFormat.NPY, "out.npy", Optional.empty(), false, false);
        assertThat(r.files()).extracting(p -> p.getFileName().toString()).containsExactly("out.npy", "out.csv");
        Path back = dir.resolve("back.duckdb");
        Importer.run(ImportOptions.builder(back, List.of(r.files().get(0))).metadata(List.of(r.files().get(1)))
                .build(), Progress.NONE);
        assertSameAsSource(back);
    }

    @Test
    void exports_carry_layout_coordinates_and_the_current_annotation_state() throws Exception {
        float[] coords = new float[N * 2];
        for (int i = 0; i < coords.length; i++) {
            coords[i] = i;
        }
        try (Atlas a = Atlas.open(atlas)) {
            a.layouts().save(new Layout(new LayoutManifest("map", "test", 2, Map.of(), Map.of(), Map.of(),
                    Instant.now()), Embedding.of(2, coords)), false);
            a.annotations().append("ana", AnnotationAction.RELABEL, "cat", new int[] {1}, null);
            a.annotations().append("ana", AnnotationAction.TAG, "blurry", new int[] {1, 2}, null);
            a.annotations().append("ana", AnnotationAction.TAG, "dark", new int[] {1}, null);
            a.annotations().append("ana", AnnotationAction.DELETE, null, new int[] {2}, null);
        }
        ExportReport r = export(ExportFormat.CSV, "map.csv", Optional.of("map"), false, false);
        List<String> lines = Files.readAllLines(r.files().getFirst());
        assertThat(lines.getFirst()).isEqualTo("id,label,weight,when,current_label,tags,deleted,x,y");
        assertThat(lines.get(2)).isEqualTo("pt-1,class " + data.labels()[1] + ",0.25,2024-03-02,cat,blurry;dark,false,2.0,3.0");
        assertThat(lines.get(3)).endsWith(",blurry,true,4.0,5.0");
        ExportReport kept = export(ExportFormat.NPY, "kept.npy", Optional.of("map"), false, true);
        assertThat(kept.rows()).isEqualTo(N - 1);
        Path back = dir.resolve("kept.duckdb");
        Importer.run(ImportOptions.builder(back, List.of(kept.files().get(0))).metadata(List.of(kept.files().get(1)))
                .build(), Progress.NONE);
        try (Atlas b = Atlas.openReadOnly(back); DenseVectors v = b.readVectors()) {
            assertThat(v.size()).isEqualTo(N - 1);
            assertThat(b.ids().id(2)).isEqualTo("pt-3");
            assertThat(v.get(2, 0)).isEqualTo(6f);
        }
    }

    @Test
    void a_diff_holds_only_what_changed_since_a_point_in_the_history_and_json_lines_work() throws Exception {
        long mark;
        long relabel;
        try (Atlas a = Atlas.open(atlas)) {
            mark = a.annotations().append("ana", AnnotationAction.TAG, "old", new int[] {0}, null).seq();
            relabel = a.annotations().append("ana", AnnotationAction.RELABEL, "cat", new int[] {3, 4}, null).seq();
            long tagged = a.annotations().append("bo", AnnotationAction.TAG, "x", new int[] {5}, null).seq();
            a.annotations().undo("bo", tagged);
        }
        Path out = dir.resolve("diff.json");
        ExportReport r = Exporter.run(new ExportOptions(atlas, Optional.empty(), ExportFormat.JSON, out, false, false,
                false, java.util.OptionalLong.of(mark)), Progress.NONE);
        assertThat(r.rows()).isEqualTo(3);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\"id\":\"pt-3\"").contains("\"current_label\":\"cat\"");
        // row 5 was tagged and the tag undone: it changed and changed back, and is listed with no tags
        assertThat(lines.get(2)).contains("\"id\":\"pt-5\"").contains("\"tags\":[]");
        try (Atlas a = Atlas.open(atlas)) {
            a.annotations().undo("ana", relabel);
            ExportReport after = Exporter.run(a, new ExportOptions(atlas, Optional.empty(), ExportFormat.CSV,
                    dir.resolve("diff.csv"), false, false, false, java.util.OptionalLong.of(mark + 3)), Progress.NONE);
            assertThat(after.rows()).as("the undo of the relabel touched rows 3 and 4").isEqualTo(2);
        }
    }

    @Test
    void unknown_layouts_and_existing_files_are_refused() throws Exception {
        assertThatThrownBy(() -> export(ExportFormat.CSV, "x.csv", Optional.of("nope"), false, false))
                .hasMessage("--layout: no layout named 'nope' in " + atlas + "; layouts: (none)");
        Files.writeString(dir.resolve("exists.csv"), "keep me");
        assertThatThrownBy(() -> export(ExportFormat.CSV, "exists.csv", Optional.empty(), false, false))
                .hasMessageContaining("already exists; pass --overwrite");
        assertThat(Files.readString(dir.resolve("exists.csv"))).isEqualTo("keep me");
    }
}
