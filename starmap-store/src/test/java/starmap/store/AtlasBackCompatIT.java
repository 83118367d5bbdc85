/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import starmap.core.layout.Layout;
import starmap.core.vectors.DenseVectors;
import starmap.store.annotations.PointState;

/** Every schema version keeps a fixture; this build must read each of them. */
class AtlasBackCompatIT {
    @TempDir
    Path dir;

    private Path unpack(String resource) throws Exception {
        Path out = dir.resolve(resource.replace(".gz", ""));
        try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream(resource))) {
            Files.copy(in, out);
        }
        return out;
    }

    @Test
    void a_schema_v1_atlas_reads_completely() throws Exception {
        Path atlas = unpack("atlas-v1.duckdb.gz");
        try (Atlas a = Atlas.openReadOnly(atlas)) {
            // opening migrates it to the current schema
            assertThat(a.info()).containsEntry("schema_version",
                    Integer.toString(starmap.store.schema.Migrations.current()));
            assertThat(a.pointCount()).isEqualTo(3);
            assertThat(a.columns()).extracting(c -> c.name() + ":" + c.type() + ":" + c.role().sql())
                    .containsExactly("id:VARCHAR:id", "label:VARCHAR:label", "score:DOUBLE:metadata", "day:DATE:metadata");
            try (DenseVectors v = a.readVectors()) {
                assertThat(v.get(2, 2)).isEqualTo(9f);
            }
            assertThat(a.ids().row("b")).hasValue(1);
            assertThat(a.knnGraphs().get("knn2").neighbors(0)).containsExactly(1, 2);
            Layout l = a.layouts().get("pca-2d");
            assertThat(l.coordinates().toArray()).containsExactly(-1, 0, 0, 0, 1, 0);
            assertThat(l.manifest().metrics()).containsEntry("trustworthiness", 1.0);
            assertThat(a.annotations().all()).hasSize(3);
            assertThat(a.annotations().states().get(2)).isEqualTo(new PointState(Optional.of("lion"), false, List.of()));
            assertThat(a.annotations().states().get(1).deleted()).isTrue();
        }
    }

    @Test
    void a_schema_v2_atlas_reads_completely_with_its_undo_and_redo() throws Exception {
        Path atlas = unpack("atlas-v2.duckdb.gz");
        try (Atlas a = Atlas.openReadOnly(atlas)) {
            assertThat(a.pointCount()).isEqualTo(3);
            assertThat(a.annotations().all()).hasSize(5);
            // the relabel to "wolf" is undone, the tag "sharp" undone and redone
            assertThat(a.annotations().history(0)).extracting(e -> e.inEffect())
                    .containsExactly(true, true, true, false, true);
            assertThat(a.annotations().states().get(1).currentLabel()).isEmpty();
            assertThat(a.annotations().states().get(2)).isEqualTo(new PointState(Optional.of("lion"), false,
                    List.of("sharp")));
        }
    }
}
