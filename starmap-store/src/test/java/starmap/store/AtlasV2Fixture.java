/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import starmap.core.graph.KnnGraph;
import starmap.core.layout.Embedding;
import starmap.core.layout.Layout;
import starmap.core.layout.LayoutManifest;
import starmap.core.progress.Progress;
import starmap.store.annotations.AnnotationAction;
import starmap.store.importers.ImportOptions;
import starmap.store.importers.Importer;

/**
 * Writes {@code src/test/resources/starmap/store/atlas-v2.duckdb.gz}, the schema-v2 fixture that
 * {@link AtlasBackCompatIT} opens. Regenerate only when creating a new schema version's fixture; old
 * fixtures stay as they are. Run from the repository root:
 *
 * <pre>
 * MAVEN_OPTS="--add-opens=java.base/java.nio=ALL-UNNAMED --enable-native-access=ALL-UNNAMED" \
 *   mvn -q -pl starmap-store test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=starmap.store.AtlasV2Fixture
 * </pre>
 */
public final class AtlasV2Fixture {
    static final String CSV = """
            id,label,score,day,v
            a,cat,0.5,2024-01-01,"[1, 2, 3]"
            b,dog,1.5,2024-01-02,"[4, 5, 6]"
            c,cat,,2024-01-03,"[7, 8, 9]"
            """;

    private AtlasV2Fixture() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0]
                : "starmap-store/src/test/resources/starmap/store/atlas-v2.duckdb.gz");
        Path tmp = Files.createTempDirectory("fixture");
        Path csv = Files.writeString(tmp.resolve("points.csv"), CSV);
        Path atlas = tmp.resolve("atlas-v2.duckdb");
        Importer.run(ImportOptions.builder(atlas, List.of(csv)).build(), Progress.NONE);
        try (Atlas a = Atlas.open(atlas)) {
            a.knnGraphs().save(new KnnGraphInfo("knn2", 2, "euclidean", Map.of("method", "exact"),
                    Instant.parse("2026-11-22T00:00:00Z")),
                    KnnGraph.of(3, 2, new int[] {1, 2, 0, 2, 1, 0}, new float[] {5.196f, 10.392f, 5.196f, 5.196f,
                        5.196f, 10.392f}));
            a.layouts().save(new Layout(new LayoutManifest("pca-2d", "pca", 2, Map.of("seed", 1),
                    Map.of("fit", Duration.ofMillis(3)), Map.of("trustworthiness", 1.0),
                    Instant.parse("2026-11-22T00:00:01Z")), Embedding.of(2, new float[] {-1, 0, 0, 0, 1, 0})), false);
            a.annotations().append("fixture", AnnotationAction.RELABEL, "lion", new int[] {2}, "big cat");
            a.annotations().append("fixture", AnnotationAction.TAG, "blurry", new int[] {0, 1}, null);
            a.annotations().append("fixture", AnnotationAction.DELETE, null, new int[] {1}, null);
            // schema 2: an undone relabel, and a redone tag
            long wrong = a.annotations().append("fixture", AnnotationAction.RELABEL, "wolf", new int[] {1}, null).seq();
            a.annotations().undo("fixture", wrong);
            long tag = a.annotations().append("fixture", AnnotationAction.TAG, "sharp", new int[] {2}, null).seq();
            a.annotations().undo("fixture", tag);
            a.annotations().redo("fixture", tag);
        }
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(out))) {
            Files.copy(atlas, gz);
        }
        System.out.println("wrote " + out + " (" + Files.size(out) + " bytes)");
    }
}
