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
    void umap_layouts_reuse_the_graph_chain_from_another_layout_and_show_in_the_quality_table() throws Exception {
        Path atlas = atlasWithClusters();
        CliRun umap = CliRun.of("embed", atlas.toString(), "--method", "umap", "--dim", "2", "--epochs", "100",
                "--quiet");
        assertThat(umap.exit()).as(umap.err()).isZero();
        assertThat(umap.out()).contains("Stored layout 'umap-2d' (umap, 2-D, 2,000 points)", "label accuracy@10");
        // a chain: UMAP 3-D of the UMAP 2-D layout (the mechanics graph embeddings of 3-8 dimensions will use)
        CliRun chain = CliRun.of("embed", atlas.toString(), "--method", "umap", "--dim", "3", "--from", "umap-2d",
                "--n-neighbors", "10", "--min-dist", "0.3", "--name", "umap-of-pca", "--quiet");
        assertThat(chain.exit()).as(chain.err()).isZero();
        try (Atlas a = Atlas.openReadOnly(atlas)) {
            var m = a.layouts().manifest("umap-2d").orElseThrow();
            assertThat(m.metrics().get("label_accuracy@10")).isGreaterThanOrEqualTo(0.95);
            assertThat(m.metrics()).doesNotContainKey("kl_divergence").containsKeys("trustworthiness@10");
            assertThat(m.parameters()).containsEntry("n_neighbors", 15).containsEntry("min_dist", 0.1)
                    .containsEntry("run.epochs", 100)
                    // five well-separated clusters: five components, so PCA stands in for the spectral start
                    .containsEntry("run.initialization", "pca (the graph has 5 components)");
            assertThat(m.timings()).containsKeys("knn", "fuzzy_set", "init", "optimize");
            var c = a.layouts().manifest("umap-of-pca").orElseThrow();
            assertThat(c.dimension()).isEqualTo(3);
            assertThat(c.parameters()).containsEntry("from", "umap-2d").containsEntry("n_neighbors", 10)
                    .containsEntry("quality.space", "layout-umap-2d");
            // the chain's graph is of the 2-D layout, stored apart from the vectors' graph
            assertThat(a.knnGraphs().list()).extracting(g -> g.name())
                    .contains("knn-euclidean-vectors", "knn-euclidean-layout-umap-2d");
        }
        CliRun table = CliRun.of("quality", atlas.toString());
        assertThat(table.out()).contains("umap-2d", "n_neighbors=15 min_dist=0.1 epochs=100 initialization=pca",
                "from=umap-2d");
        assertThat(CliRun.of("embed", atlas.toString(), "--method", "umap", "--min-dist", "3", "--quiet").err())
                .contains("min-dist must be <= spread (1.0), got 3.0");
        assertThat(CliRun.of("embed", atlas.toString(), "--method", "umap", "--from", "nope", "--name", "x", "--quiet").err())
                .contains("--from: no layout named 'nope'");
        assertThat(CliRun.of("embed", atlas.toString(), "--method", "umap", "--init", "circle", "--name", "x", "--quiet").err())
                .contains("unknown initialisation 'circle'");
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
