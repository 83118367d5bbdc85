/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import starmap.core.progress.Progress;
import starmap.store.importers.ImportOptions;
import starmap.store.importers.Importer;
import starmap.testkit.TestFiles;

class QueryIT {
    @TempDir
    Path dir;

    /** Rows 0 … 6 at 0, 1, 2, 5, 10 on a line, (5, 4) off it, and 4.2 on it; ids are the row numbers. */
    private Path atlas() throws Exception {
        float[] v = {0, 0, 1, 0, 2, 0, 5, 0, 10, 0, 5, 4, 4.2f, 0};
        Path npy = TestFiles.npyFloat32(dir.resolve("v.npy"), v, 7, 2);
        Path atlas = dir.resolve("q.duckdb");
        Importer.run(ImportOptions.builder(atlas, List.of(npy)).build(), Progress.NONE);
        return atlas;
    }

    private static List<String> ids(String out) {
        return out.lines().skip(1).map(l -> l.trim().split("\\s+")[1]).toList();
    }

    @Test
    void near_between_and_analogy_answer_by_id() throws Exception {
        Path atlas = atlas();
        CliRun near = CliRun.of("query", atlas.toString(), "--near", "0", "--k", "3");
        assertThat(near.exit()).as(near.err()).isZero();
        assertThat(ids(near.out())).containsExactly("1", "2", "6");
        CliRun between = CliRun.of("query", atlas.toString(), "--between", "0", "4", "--k", "3");
        assertThat(ids(between.out())).containsExactly("3", "5", "6");
        // 2 − 0 + 3 = (7, 0); leaving 2, 0 and 3 out, the nearest are 6 (at 4.2: 2.8 away) and 4 (at 10: 3)
        CliRun analogy = CliRun.of("query", atlas.toString(), "--analogy", "2", "0", "3", "--k", "2");
        assertThat(ids(analogy.out())).containsExactly("6", "4");
    }

    @Test
    void unknown_ids_and_bad_options_are_refused_by_name() throws Exception {
        Path atlas = atlas();
        assertThat(CliRun.of("query", atlas.toString(), "--near", "nope").err()).contains("has no point with id 'nope'");
        assertThat(CliRun.of("query", atlas.toString(), "--near", "0", "--metric", "inner_product").err())
                .contains("--metric: must be euclidean or cosine");
        assertThat(CliRun.of("query", atlas.toString(), "--near", "0", "--space", "nope").err())
                .contains("--space: no layout named 'nope'");
        assertThat(CliRun.of("query", atlas.toString()).exit()).isNotZero();
    }
}
