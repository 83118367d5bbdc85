/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import starmap.core.progress.Progress;
import starmap.store.Atlas;
import starmap.store.ColumnInfo;
import starmap.store.arrow.ArrowInsert;

/**
 * Imports files into a new atlas. The atlas is written to a hidden temporary file beside the target
 * and renamed into place only when everything has been read, checked and committed; on any failure
 * the temporary file is deleted and the target is untouched.
 */
public final class Importer {
    private Importer() {
    }

    /** Runs the import described by {@code o}. */
    public static ImportReport run(ImportOptions o, Progress progress) {
        long start = System.nanoTime();
        Path target = o.atlas().toAbsolutePath();
        AtlasFiles.checkTarget(target, o.replace());
        TableOptions table = new TableOptions(o.header(), o.vectorColumn(), o.vectorColumns(), true);
        List<Part> others = new ArrayList<>();
        Path tmp = AtlasFiles.temporary(target);
        try (Part main = Part.open(o.sources(), o.format(), Readers.Role.SOURCE, table)) {
            if (!o.metadata().isEmpty()) {
                others.add(Part.open(o.metadata(), Optional.empty(), Readers.Role.METADATA, table));
            }
            List<Path> labels = o.labels().isEmpty() ? IdxLabels.siblings(main) : o.labels();
            if (!labels.isEmpty()) {
                others.add(Part.open(labels, Optional.empty(), Readers.Role.LABELS, table));
            }
            RowPlan plan = RowPlan.of(main, others, o);
            RowStream stream = new RowStream(plan, main, others, progress);
            progress.begin("import " + main.describe(), plan.rows);
            List<ColumnInfo> columns;
            try (Atlas atlas = Atlas.create(tmp)) {
                columns = atlas.inTransaction("importing", conn -> write(conn, plan, stream, main, others));
            } finally {
                progress.end();
            }
            List<String> warnings = new ArrayList<>(plan.notes);
            warnings.addAll(stream.warnings());
            AtlasFiles.move(tmp, target, o.replace());
            return new ImportReport(target, plan.rows, plan.dim, columns, AtlasWriter.imageInfo(plan), warnings,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (Part p : others) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // reading is over; nothing is lost
                }
            }
            AtlasFiles.discard(tmp);
        }
    }

    private static List<ColumnInfo> write(Connection conn, RowPlan plan, RowStream stream, Part main, List<Part> others)
            throws SQLException {
        AtlasWriter.createPointsTable(conn, plan);
        ArrowInsert.run(conn, stream.schema(), stream, AtlasWriter.insertSql(plan));
        AtlasWriter.checkUniqueIds(conn, plan);
        List<Part> parts = new ArrayList<>(List.of(main));
        parts.addAll(others);
        return AtlasWriter.writeCatalog(conn, plan, parts);
    }
}
