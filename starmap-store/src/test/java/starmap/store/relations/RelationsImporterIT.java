/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.relations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import starmap.core.graph.KnnGraph;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.relations.CooccurrenceParams;
import starmap.core.relations.Transform;
import starmap.store.Atlas;
import starmap.store.ColumnRole;

/** The same collections as CSV, TSV, Parquet and JSON Lines make the same atlas. */
class RelationsImporterIT {
    @TempDir
    Path dir;

    private static final String ROWS = """
            user,item,weight,score
            u1,apple,1,3.0
            u1,pear,2,3.5
            u1,plum,1,9.0
            u2,apple,1,2.0
            u2,pear,1,2.5
            u2,fig,4,2.0
            u3,fig,1,1.0
            u3,plum,1,8.0
            u3,kiwi,1,8.5
            u4,kiwi,2,1.0
            u4,apple,1,1.5
            u4,pear,1,1.0
            """;

    private RelationsReport relate(Path input, Path atlas) {
        RelationsOptions o = new RelationsOptions(atlas, input, false, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("score"), Optional.empty(), Optional.empty(),
                Optional.empty(), 1, Integer.MAX_VALUE, CooccurrenceParams.DEFAULTS.withAttributeScale(2), 2,
                Transform.LOG, false);
        try (Parallel par = Parallel.of(2)) {
            return RelationsImporter.run(o, par, Progress.NONE);
        }
    }

    @Test
    void every_format_gives_the_same_items_and_graph() throws Exception {
        Path csv = Files.writeString(dir.resolve("rows.csv"), ROWS);
        Path tsv = Files.writeString(dir.resolve("rows.tsv"), ROWS.replace(',', '\t'));
        Path parquet = dir.resolve("rows.parquet");
        Path jsonl = dir.resolve("rows.jsonl");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + csv + "', header = true)) TO '" + parquet + "' (FORMAT parquet)");
            s.execute("COPY (SELECT * FROM read_csv('" + csv + "', header = true)) TO '" + jsonl + "' (FORMAT json)");
        }
        KnnGraph first = null;
        List<String> firstIds = null;
        for (Path input : List.of(csv, tsv, parquet, jsonl)) {
            Path atlas = dir.resolve(input.getFileName() + ".duckdb");
            RelationsReport r = relate(input, atlas);
            assertThat(r.rows()).as(input.toString()).isEqualTo(12);
            assertThat(r.points()).isEqualTo(5);
            try (Atlas a = Atlas.openReadOnly(atlas)) {
                KnnGraph g = a.knnGraphs().get(RelationsImporter.GRAPH);
                List<String> ids = java.util.stream.IntStream.range(0, a.pointCount()).mapToObj(a.ids()::id).toList();
                if (first == null) {
                    first = g;
                    firstIds = ids;
                    // apple and pear share u1, u2 and u4: each other's nearest
                    int apple = ids.indexOf("apple");
                    assertThat(ids.get(g.neighbor(apple, 0))).isEqualTo("pear");
                    assertThat(a.column(ColumnRole.ID)).isPresent();
                } else {
                    assertThat(ids).as(input.toString()).isEqualTo(firstIds);
                    assertThat(g).as(input.toString()).isEqualTo(first);
                }
            }
        }
    }

    @Test
    void a_failed_import_leaves_no_atlas_and_keeps_an_existing_one() throws Exception {
        Path good = Files.writeString(dir.resolve("good.csv"), ROWS);
        Path atlas = dir.resolve("keep.duckdb");
        relate(good, atlas);
        long size = Files.size(atlas);
        Path bad = Files.writeString(dir.resolve("bad.csv"), ROWS.replace("u3,kiwi,1,8.5", "u3,kiwi,1,oops"));
        RelationsOptions replace = new RelationsOptions(atlas, bad, false, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("score"), Optional.empty(), Optional.empty(),
                Optional.empty(), 1, Integer.MAX_VALUE, CooccurrenceParams.DEFAULTS, 2, Transform.LOG, true);
        try (Parallel par = Parallel.of(2)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RelationsImporter.run(replace, par, Progress.NONE))
                    .hasMessageContaining("bad.csv").hasMessageContaining("row 9").hasMessageContaining("score");
        }
        assertThat(Files.size(atlas)).isEqualTo(size);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".importing-"))).isEmpty();
        }
    }
}
