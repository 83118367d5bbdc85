/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import starmap.core.vectors.DenseVectors;
import starmap.store.Atlas;

class CliIT {
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    @Test
    void every_command_has_help() {
        for (String cmd : List.of("import", "info", "export", "embed", "quality", "serve")) {
            CliRun r = CliRun.of(cmd, "--help");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).startsWith("Usage: starmap " + cmd).contains("Example");
        }
        assertThat(CliRun.of("--help").out()).contains("import", "info", "export");
    }

    @Test
    void a_generated_parquet_file_imports_describes_and_exports_back_unchanged() throws Exception {
        Path src = dir.resolve("points.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT 'item-' || i AS item, [sin(i), cos(i), i / 7.0]::FLOAT[] AS embedding, "
                    + "CASE WHEN i % 3 = 0 THEN 'red' ELSE 'blue' END AS label, i * 1.5 AS price "
                    + "FROM range(2000) t(i)) TO '" + src + "'");
        }
        Path atlas = dir.resolve("p.duckdb");
        CliRun imp = CliRun.of("import", src.toString(), "--atlas", atlas.toString(), "--id", "item", "--quiet");
        assertThat(imp.exit()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("Imported 2,000 points", "3 dimensions", "label varchar (label)");

        CliRun info = CliRun.of("info", atlas.toString());
        assertThat(info.exit()).isZero();
        assertThat(info.out()).contains("Points    2,000", "Vectors   3 dimensions", "red 667", "blue 1,333",
                "vectors  parquet  2,000  " + src);
        JsonNode json = new ObjectMapper().readTree(CliRun.of("info", atlas.toString(), "--json").out());
        assertThat(json.get("points").asInt()).isEqualTo(2000);
        assertThat(json.get("columns").get(0).get("source_name").asText()).isEqualTo("item");

        Path out = dir.resolve("out.parquet");
        CliRun exp = CliRun.of("export", atlas.toString(), "--format", "parquet", "--out", out.toString(), "--vectors");
        assertThat(exp.exit()).as(exp.err()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet('" + src + "') a FULL JOIN read_parquet('"
                     + out + "') b ON a.item = b.id AND a.label = b.label AND a.price = b.price "
                     + "AND a.embedding::FLOAT[3] = b.vector WHERE a.item IS NULL OR b.id IS NULL")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows that differ between source and export").isZero();
        }
    }

    @Test
    void bad_input_exits_with_2_and_a_message_naming_the_problem() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "id,v\n1,\"[1,2]\"\n2,\"[3]\"\n");
        Path atlas = dir.resolve("bad.duckdb");
        CliRun r = CliRun.of("import", csv.toString(), "--atlas", atlas.toString(), "--quiet");
        assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).isEqualTo("error: " + csv + ": line 3, column 'v': vector has 1 values, expected 2 "
                + "(as in the first row)" + System.lineSeparator());
        assertThat(atlas).doesNotExist();
        assertThat(CliRun.of("info", atlas.toString()).err()).contains("does not exist");
        assertThat(CliRun.of("export", csv.toString(), "--format", "xml", "--out", "x").exit()).isEqualTo(2);
        assertThat(CliRun.of("import", "--atlas", "x.duckdb").err()).contains("Missing required parameter: 'SOURCE'");
        assertThat(CliRun.of("serve", atlas.toString()).err()).contains(atlas + ": is not an atlas file");
        assertThat(CliRun.of("serve", csv.toString(), "--port", "70000").err()).contains("--port: must be in [0, 65535]");
    }

    @Test
    void fashion_mnist_imports_from_idx_and_its_pixels_export_unchanged() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(FASHION), "needs the Debian package dataset-fashion-mnist "
                + "(scripts/test.sh installs it)");
        Path atlas = dir.resolve("fmnist.duckdb");
        CliRun imp = CliRun.of("import", FASHION.resolve("train-images-idx3-ubyte.gz").toString(),
                FASHION.resolve("t10k-images-idx3-ubyte.gz").toString(), "--atlas", atlas.toString(), "--quiet",
                "--label-names", "T-shirt/top,Trouser,Pullover,Dress,Coat,Sandal,Shirt,Sneaker,Bag,Ankle boot");
        assertThat(imp.exit()).as(imp.err()).isZero();
        CliRun info = CliRun.of("info", atlas.toString());
        assertThat(info.out()).contains("Points    70,000", "Vectors   784 dimensions",
                "Images    28×28 grey pixels from the vectors", "Ankle boot 7,000", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz");
        Path npy = dir.resolve("fm.npy");
        assertThat(CliRun.of("export", atlas.toString(), "--format", "npy", "--out", npy.toString()).exit()).isZero();
        byte[] expected = firstPixels(FASHION.resolve("t10k-images-idx3-ubyte.gz"), 784);
        try (DenseVectors v = DenseVectors.map(npy, 128, 70_000, 784, false)) {
            for (int j = 0; j < 784; j++) {
                assertThat(v.get(60_000, j)).isEqualTo(expected[j] & 0xff);
            }
        }
        List<String> sidecar = Files.readAllLines(dir.resolve("fm.csv"));
        assertThat(sidecar.getFirst()).isEqualTo("id,label,source_file,current_label,tags,deleted");
        assertThat(sidecar.get(60_001)).startsWith("60000,Ankle boot,t10k-images-idx3-ubyte.gz,Ankle boot,,false");
    }

    private static byte[] firstPixels(Path gz, int n) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            in.readNBytes(16);
            return in.readNBytes(n);
        }
    }

    @Test
    void a_file_four_times_larger_than_the_heap_streams_through() throws Exception {
        Path jar = Path.of("target", "starmap.jar").toAbsolutePath();
        Assumptions.assumeTrue(Files.exists(jar), "runs after 'mvn package' built " + jar);
        int n = 550_000;
        int d = 128;
        Path npy = dir.resolve("big.npy");
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(npy), 1 << 20)) {
            starmap.store.format.NpyHeader.write(out, "<f4", n, d);
            java.nio.ByteBuffer row = java.nio.ByteBuffer.allocate(d * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                row.clear();
                for (int j = 0; j < d; j++) {
                    row.putFloat(i + j / 1000f);
                }
                out.write(row.array());
            }
        }
        Path atlas = dir.resolve("big.duckdb");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx64m", "--enable-native-access=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-jar",
                jar.toString(), "import", npy.toString(), "--atlas", atlas.toString(), "--quiet"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        assertThat(Files.size(npy)).isGreaterThan(4L * 64 * 1024 * 1024);
        try (Atlas a = Atlas.openReadOnly(atlas)) {
            assertThat(a.pointCount()).isEqualTo(n);
            a.query("check", "SELECT vector[1], vector[128] FROM points WHERE row_idx = " + (n - 1), rs -> {
                rs.next();
                assertThat(rs.getFloat(1)).isEqualTo(n - 1f);
                assertThat(rs.getFloat(2)).isEqualTo(n - 1 + 127 / 1000f);
            });
        }
    }
}
