/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import starmap.core.relations.CooccurrenceParams;
import starmap.core.relations.Transform;

/**
 * Once with executors in separate JVMs ({@code local-cluster[2,1,1024]}: two workers of one core and
 * 1 GB): every function and row the job ships must serialize, and the result must still be the single
 * machine's.
 */
class LocalClusterTest {
    @TempDir
    Path dir;

    @Test
    void executorsInTheirOwnJvmsGiveTheSingleMachineGraph() throws Exception {
        // executors get the test's class path (spark.testing) and Spark's JVM flags for JDK 25; the workers
        // want a Spark home with a jars/ directory, which may be empty then (the surefire configuration
        // points SPARK_HOME into target/)
        Path home = Path.of(System.getenv().getOrDefault("SPARK_HOME", dir.resolve("spark-home").toString()));
        java.nio.file.Files.createDirectories(home.resolve("jars"));
        System.setProperty("spark.testing", "true");
        System.setProperty("spark.test.home", home.toString());
        System.setProperty("spark.executor.extraJavaOptions", System.getProperty("starmap.spark.jvm.flags", ""));
        Planted data = Planted.generate(500, 2500, 23);
        Path csv = data.writeCsv(dir.resolve("rows.csv"));
        CooccurrenceParams p = new CooccurrenceParams(0, 0, 60, 3);
        JobOptions o = new JobOptions(csv.toString(), dir.resolve("out").toString(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1, Integer.MAX_VALUE, p, 10,
                Transform.JACCARD, 5_000, 4, false);
        Planted.Reference ref = data.reference(1, p, 10, Transform.JACCARD, true, false, false, false);
        SparkSession spark = Sessions.local("local-cluster[2,1,1024]");
        try {
            assertThat(spark.sparkContext().master()).startsWith("local-cluster");
            SparkRelations.Result r = SparkRelations.run(spark, o, SparkRelations.Log.NONE);
            assertThat(r.graph().graph()).isEqualTo(ref.graph().graph());
            assertThat(r.graph().items()).containsExactly(ref.graph().items());
            assertThat(r.manifest()).containsEntry("non_zeros", ref.matrix().nonZeros())
                    .containsEntry("split_collections", ref.matrix().splitCollections());
        } finally {
            spark.stop();
            System.clearProperty("spark.testing");
            System.clearProperty("spark.test.home");
            System.clearProperty("spark.executor.extraJavaOptions");
        }
    }
}
