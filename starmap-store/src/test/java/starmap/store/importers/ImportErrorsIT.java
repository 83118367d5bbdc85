/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import starmap.core.InvalidInputException;
import starmap.core.progress.Progress;
import starmap.testkit.TestFiles;

/** Every bad input gets a message naming file, row/line and column, and leaves no atlas behind. */
class ImportErrorsIT {
    @TempDir
    Path dir;

    private Path atlas() {
        return dir.resolve("out.duckdb");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> failing(ImportOptions.Builder b) {
        return assertThatThrownBy(() -> Importer.run(b.build(), Progress.NONE)).isInstanceOf(InvalidInputException.class);
    }

    private ImportOptions.Builder importing(Path... sources) {
        return ImportOptions.builder(atlas(), List.of(sources));
    }

    @AfterEach
    void nothing_is_left_behind() throws IOException {
        if (Files.exists(atlas())) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("duckdb"));
        }
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    @Test
    void nan_and_inf_in_vectors_name_the_row_and_component() throws Exception {
        Path npy = TestFiles.npy(dir.resolve("v.npy"), "<f4", false, floats(1, 2, 3, Float.NaN), 2, 2);
        failing(importing(npy)).hasMessage(npy + ": row 2, column 'vector[1]': vector value is NaN");
        Path csv = Files.writeString(dir.resolve("v.csv"), "id,a,b\n1,0.5,1\n2,inf,2\n");
        failing(importing(csv).vectorColumns("[ab]")).hasMessage(csv + ": line 3, column 'a': vector value is +Inf");
        Path f8 = TestFiles.npy(dir.resolve("big.npy"), "<f8", false,
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(1e300).array(), 1, 1);
        failing(importing(f8)).hasMessageContaining("row 1, column 'vector[0]': vector value 1.0E300 is outside float32");
        Path pq = dir.resolve("nan.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i AS id, [i, CASE WHEN i = 7 THEN 'nan'::FLOAT ELSE 1 END]::FLOAT[] AS v "
                    + "FROM range(10) t(i)) TO '" + pq + "'");
        }
        failing(importing(pq)).hasMessage(pq + ": row 8, column 'vector[1]': vector value is NaN");
    }

    @Test
    void ragged_rows_name_the_line() throws Exception {
        Path csv = Files.writeString(dir.resolve("r.csv"), "id,a,b\n1,2,3\n4,5\n");
        failing(importing(csv).vectorColumns("[ab]")).hasMessage(csv + ": line 3: has 2 fields, expected 3 as in the header");
        Path lists = Files.writeString(dir.resolve("l.csv"), "id,v\n1,\"[1,2]\"\n2,\"[1,2,3]\"\n");
        failing(importing(lists)).hasMessage(lists + ": line 3, column 'v': vector has 3 values, expected 2 (as in the first row)");
        Path jsonl = Files.writeString(dir.resolve("j.jsonl"), "{\"v\": [1, 2]}\n{\"v\": [1]}\n");
        failing(importing(jsonl)).hasMessageContaining("j.jsonl: line 2, column 'v': vector has 1 values, expected 2");
    }

    @Test
    void files_of_different_dimensions_cannot_be_mixed() throws Exception {
        Path a = TestFiles.npyFloat32(dir.resolve("a.npy"), new float[6], 2, 3);
        Path b = TestFiles.npyFloat32(dir.resolve("b.npy"), new float[8], 2, 4);
        failing(importing(a, b)).hasMessage(b + ": holds vectors of dimension 4, but " + a
                + " holds dimension 3; all files of an import must agree");
        Path fv = dir.resolve("mixed.fvecs");
        ByteBuffer buf = ByteBuffer.allocate(4 + 8 + 4 + 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(2).putFloat(1).putFloat(2).putInt(3).putFloat(1).putFloat(2);
        Files.write(fv, buf.array());
        failing(importing(fv)).hasMessage(fv + ": vector 2: has dimension 3, but the first vector has 2");
    }

    @Test
    void duplicate_ids_name_every_row_that_has_them() throws Exception {
        Path csv = Files.writeString(dir.resolve("d.csv"), "id,v\nx,\"[1]\"\ny,\"[2]\"\nx,\"[3]\"\n");
        failing(importing(csv)).hasMessage(csv + ": row 1, column 'id': duplicate id 'x' (2 rows have it; also at "
                + csv + " row 3); ids must be unique");
    }

    @Test
    void empty_files_are_refused() throws Exception {
        for (String name : List.of("e.npy", "e.csv", "e.parquet", "e.jsonl", "e.idx")) {
            Path f = Files.write(dir.resolve(name), new byte[0]);
            failing(importing(f)).hasMessage(f + ": is empty");
        }
        Path headerOnly = Files.writeString(dir.resolve("h.csv"), "id,a\n");
        failing(importing(headerOnly)).hasMessage(headerOnly + ": has a header but no rows");
    }

    @Test
    void unsupported_dtypes_are_named() throws Exception {
        Path c8 = TestFiles.npy(dir.resolve("c.npy"), "<c8", false, new byte[16], 2, 1);
        failing(importing(c8)).hasMessageStartingWith(c8 + ": has unsupported dtype '<c8'; supported: float16/32/64");
        Path obj = TestFiles.npy(dir.resolve("o.npy"), "|O", false, new byte[16], 2, 1);
        failing(importing(obj)).hasMessageContaining("unsupported dtype '|O'");
    }

    @Test
    void truncated_binary_files_say_where_they_end() throws Exception {
        Path npy = TestFiles.truncate(TestFiles.npyFloat32(dir.resolve("t.npy"), new float[40], 10, 4), 128 + 4 * 4 * 3 + 2);
        failing(importing(npy)).hasMessage(npy + ": is truncated: its header declares shape [10, 4] of float32 "
                + "(160 bytes of data) but only 50 bytes follow the header; rows from 4 on are missing");
        Path idx = TestFiles.idxUbyte(dir.resolve("t-images-idx3-ubyte"), new byte[5 * 4], false, 5, 2, 2);
        TestFiles.truncate(idx, 16 + 4 * 3 + 1);
        failing(importing(idx)).hasMessage(idx + ": row 4: file ends inside this row; the header declares 5 rows "
                + "(truncated file)");
        byte[] noise = new byte[2000 * 4];
        new java.util.SplittableRandom(1).nextBytes(noise);
        Path gz = TestFiles.idxUbyte(dir.resolve("z-images-idx3-ubyte.gz"), noise, true, 2000, 2, 2);
        TestFiles.truncate(gz, Files.size(gz) / 2);
        failing(importing(gz)).hasMessageContaining("file ends inside this row");
        Path pq = dir.resolve("t.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i AS id, [i, i]::DOUBLE[] AS v FROM range(1000) t(i)) TO '" + pq + "'");
        }
        TestFiles.truncate(pq, Files.size(pq) - 100);
        failing(importing(pq)).hasMessageStartingWith(pq + ": is not a readable Parquet file (truncated or corrupt?)");
        Path fv = TestFiles.truncate(TestFiles.fvecs(dir.resolve("t.fvecs"), new float[6], 3, 2), 30);
        failing(importing(fv)).hasMessage(fv + ": vector 3: is cut short: the file holds 2 whole vectors of "
                + "dimension 2 and 6 more bytes (truncated file)");
    }

    @Test
    void text_that_is_not_utf8_names_the_line() throws Exception {
        Path csv = dir.resolve("latin1.csv");
        Files.write(csv, "id,name,v\n1,Zoe,\"[1]\"\n2,Ren\u00e9,\"[2]\"\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        failing(importing(csv)).hasMessage(csv + ": line 3: is not valid UTF-8 (byte 0xE9 at character 6); "
                + "re-encode the file as UTF-8");
    }

    @Test
    void an_id_column_that_does_not_exist_is_named_with_the_columns_that_do() throws Exception {
        Path npy = TestFiles.npyFloat32(dir.resolve("v.npy"), new float[2], 2, 1);
        Path meta = Files.writeString(dir.resolve("m.csv"), "key,city\na,x\nb,y\n");
        failing(importing(npy).metadata(List.of(meta)).idColumn("ident")).hasMessage("--id: no column named 'ident' in "
                + npy + ", " + meta + "; columns are: key, city");
    }

    @Test
    void a_csv_without_the_expected_header_is_refused() throws Exception {
        Path csv = Files.writeString(dir.resolve("nohead.csv"), "1,0.5,0.25\n2,1,2\n");
        failing(importing(csv)).hasMessage(csv + ": line 1: looks like data, not a header (every field is a number); "
                + "pass --no-header if the file has no header row");
        assertThat(Importer.run(importing(csv).header(false).vectorColumns("column[12]").build(), Progress.NONE)
                .points()).isEqualTo(2);
    }

    @Test
    void sidecar_files_must_line_up_with_the_sources() throws Exception {
        Path npy = TestFiles.npyFloat32(dir.resolve("v.npy"), new float[3], 3, 1);
        Path labels = Files.writeString(dir.resolve("l.txt"), "a\nb\n");
        failing(importing(npy).labels(List.of(labels))).hasMessage(labels + ": has 2 rows, but " + npy
                + " has 3; labels files must line up row by row with the sources");
    }

    @Test
    void a_failed_replace_leaves_the_existing_atlas_byte_for_byte() throws Exception {
        Path good = TestFiles.npyFloat32(dir.resolve("good.npy"), new float[] {1, 2}, 2, 1);
        Importer.run(importing(good).build(), Progress.NONE);
        byte[] before = Files.readAllBytes(atlas());
        Path bad = TestFiles.npy(dir.resolve("bad.npy"), "<f4", false, floats(1, Float.POSITIVE_INFINITY), 2, 1);
        failing(importing(bad).replace(true)).hasMessageContaining("vector value is +Inf");
        assertThat(Files.readAllBytes(atlas())).isEqualTo(before);
        assertThatThrownBy(() -> Importer.run(importing(good).build(), Progress.NONE))
                .hasMessageContaining("already exists; pass --replace");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("importing"));
        }
    }
}
