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
import starmap.store.Atlas;
import starmap.store.importers.ImportOptions;
import starmap.store.importers.Importer;
import starmap.testkit.GaussianClusters;
import starmap.testkit.TestFiles;

class EmbedIT {
    @TempDir
    Path dir;

    private Path atlasWithClusters() throws Exception {
        GaussianClusters c = GaussianClusters.generate(2000, 30, 5, 6, 3);
        Path npy = TestFiles.npyFloat32(dir.resolve("v.npy"), c.vectors(), 2000, 30);
        StringBuilder labels = new StringBuilder();
        for (int l : c.labels()) {
            labels.append("class-").append(l).append('\n');
        }
        Path txt = java.nio.file.Files.writeString(dir.resolve("labels.txt"), labels);
        Path atlas = dir.resolve("c.duckdb");
        Importer.run(ImportOptions.builder(atlas, List.of(npy)).labels(List.of(txt)).build(), Progress.NONE);
        return atlas;
    }

    @Test
    void tsne_and_pca_layouts_are_stored_with_their_metrics_and_share_the_knn_graph() throws Exception {
        Path atlas = atlasWithClusters();
        CliRun tsne = CliRun.of("embed", atlas.toString(), "--method", "tsne", "--dim", "2", "--iterations", "400",
                "--quiet");
        assertThat(tsne.exit()).as(tsne.err()).isZero();
        assertThat(tsne.out()).contains("Stored layout 'tsne-2d' (tsne, 2-D, 2,000 points)", "label accuracy@10");
        CliRun tsne3 = CliRun.of("embed", atlas.toString(), "--dim", "3", "--approximation", "bh", "--iterations", "300",
                "--quiet");
        assertThat(tsne3.exit()).as(tsne3.err()).isZero();
        assertThat(tsne3.out()).contains("'tsne-3d'", "knn      reused the stored graph");
        CliRun pca = CliRun.of("embed", atlas.toString(), "--method", "pca", "--quiet");
        assertThat(pca.exit()).as(pca.err()).isZero();
        try (Atlas a = Atlas.openReadOnly(atlas)) {
            assertThat(a.layouts().list()).extracting(m -> m.name()).containsExactly("tsne-2d", "tsne-3d", "pca-2d");
            var m = a.layouts().manifest("tsne-2d").orElseThrow();
            assertThat(m.metrics().get("label_accuracy@10")).isGreaterThanOrEqualTo(0.95);
            assertThat(m.metrics()).containsKeys("kl_divergence", "knn_preservation@10", "trustworthiness@10",
                    "precision@90/30");
            assertThat(m.parameters()).containsEntry("perplexity", 30.0).containsEntry("run.approximation", "bh")
                    .containsKey("run.learning_rate");
            assertThat(m.timings()).containsKeys("knn", "affinities", "optimize");
            assertThat(a.knnGraphs().list()).singleElement().satisfies(g -> assertThat(g.k()).isEqualTo(90));
        }
        CliRun table = CliRun.of("quality", atlas.toString());
        assertThat(table.out()).contains("tsne-2d", "tsne-3d", "pca-2d", "label@10");
        CliRun detail = CliRun.of("quality", atlas.toString(), "--layout", "tsne-2d");
        assertThat(detail.out()).contains("k=10 ", "precision", "recall", "Timings");
        assertThat(CliRun.of("embed", atlas.toString(), "--quiet").err()).contains("a layout named 'tsne-2d' already exists");
    }

    @Test
    void bad_parameters_and_atlases_without_vectors_are_refused() throws Exception {
        Path atlas = atlasWithClusters();
        assertThat(CliRun.of("embed", atlas.toString(), "--perplexity", "700", "--quiet").err())
                .contains("perplexity must be < n / 3 = 666.7 for 2000 points, got 700.0");
        assertThat(CliRun.of("embed", atlas.toString(), "--dim", "4", "--quiet").err())
                .contains("dimensions must be 1, 2 or 3 for t-SNE, got 4");
        assertThat(CliRun.of("embed", atlas.toString(), "--theta", "-1", "--quiet").err())
                .contains("theta must be >= 0, got -1.0");
        Path meta = java.nio.file.Files.writeString(dir.resolve("m.csv"), "id,city\n1,a\n2,b\n");
        Path noVectors = dir.resolve("nv.duckdb");
        Importer.run(ImportOptions.builder(noVectors, List.of(meta)).build(), Progress.NONE);
        CliRun r = CliRun.of("embed", noVectors.toString(), "--quiet");
        assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("holds no vectors");
    }
}
