/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.exporters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import starmap.core.InvalidInputException;
import starmap.core.layout.LayoutManifest;
import starmap.core.progress.Progress;
import starmap.store.Atlas;
import starmap.store.Sql;
import starmap.store.StoreException;
import starmap.store.arrow.ArrowColumns;
import starmap.store.arrow.ArrowQuery;
import starmap.store.format.NpyHeader;

/** Writes an atlas out as CSV, Parquet or NPY; see {@link ExportOptions}. */
public final class Exporter {
    private Exporter() {
    }

    public static ExportReport run(ExportOptions o, Progress progress) {
        try (Atlas atlas = Atlas.openReadOnly(o.atlas())) {
            return run(atlas, o, progress);
        }
    }

    /** Exports from an atlas already open (as the server holds it); {@code o.atlas()} only names it. */
    public static ExportReport run(Atlas atlas, ExportOptions o, Progress progress) {
        Path out = o.out().toAbsolutePath();
        if (Files.exists(out) && !o.overwrite()) {
            throw InvalidInputException.in(out.toString()).problem("already exists; pass --overwrite to replace it");
        }
        if (out.getParent() == null || !Files.isDirectory(out.getParent())) {
            throw InvalidInputException.in("--out").problem("the directory of " + out + " does not exist");
        }
        try {
            if (!atlas.hasPoints()) {
                throw InvalidInputException.in(o.atlas().toString()).problem("holds no points to export");
            }
            Optional<LayoutManifest> layout = o.layout().map(name -> atlas.layouts().manifest(name).orElseThrow(() ->
                    InvalidInputException.in("--layout").problem("no layout named '" + name + "' in " + o.atlas()
                            + "; layouts: " + layoutNames(atlas))));
            int dim = atlas.vectorDimension().orElse(0);
            if (o.includeVectors() && dim == 0) {
                throw InvalidInputException.in("--vectors").problem(o.atlas() + " holds no vectors");
            }
            progress.begin("export " + out.getFileName(), 0);
            try {
                return switch (o.format()) {
                    case CSV, PARQUET, JSON -> table(atlas, o, layout, dim, out);
                    case NPY -> npy(atlas, o, layout, dim, out);
                };
            } finally {
                progress.end();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ExportReport table(Atlas atlas, ExportOptions o, Optional<LayoutManifest> layout, int dim, Path out)
            throws IOException {
        boolean csv = o.format() == ExportFormat.CSV;
        ExportQuery q = ExportQuery.base(atlas, csv, o.dropDeleted());
        o.changedSince().ifPresent(q::changedSince);
        layout.ifPresent(q::addLayout);
        if (o.includeVectors()) {
            q.addVectors(dim, csv);
        }
        copy(atlas, q.sql(), o.format(), out);
        return new ExportReport(List.of(out), count(atlas, q), q.names());
    }

    private static ExportReport npy(Atlas atlas, ExportOptions o, Optional<LayoutManifest> layout, int dim, Path out)
            throws IOException {
        if (layout.isEmpty() && dim == 0) {
            throw InvalidInputException.in("--format npy").problem("needs --layout or vectors to put in the array, and "
                    + o.atlas() + " holds no vectors");
        }
        ExportQuery meta = ExportQuery.base(atlas, true, o.dropDeleted());
        o.changedSince().ifPresent(meta::changedSince);
        String rows = meta.rowsSql();
        int width = layout.map(LayoutManifest::dimension).orElse(dim);
        String matrix = layout.isPresent()
                ? "SELECT CAST(c.coords AS FLOAT[" + width + "]) FROM (" + rows + ") r JOIN layout_coords c ON "
                        + "c.row_idx = r.row_idx AND c.layout = " + Sql.literal(layout.get().name()) + " ORDER BY r.row_idx"
                : "SELECT p.vector FROM (" + rows + ") r JOIN points p USING (row_idx) ORDER BY p.row_idx";
        long n = count(atlas, meta);
        Path tmp = temp(out);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            NpyHeader.write(os, "<f4", n, width);
            long[] written = {0};
            byte[][] holder = {new byte[0]};
            ArrowQuery.forEachBatch(atlas.connection(), matrix, 16_384, root -> {
                int m = root.getRowCount();
                int bytes = m * width * Float.BYTES;
                if (holder[0].length < bytes) {
                    holder[0] = new byte[bytes];
                }
                MemorySegment src = ArrowColumns.rowData((FixedSizeListVector) root.getVector(0), m, width, 4);
                MemorySegment.copy(src, 0, MemorySegment.ofArray(holder[0]), 0, bytes);
                os.write(holder[0], 0, bytes);
                written[0] += m;
            });
            if (written[0] != n) {
                throw new IllegalStateException("wrote " + written[0] + " rows of " + n);
            }
        } catch (SQLException e) {
            Files.deleteIfExists(tmp);
            throw new StoreException("atlas " + o.atlas() + ": export failed: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Path sidecar = out.resolveSibling(stem(out) + ".csv");
        if (Files.exists(sidecar) && !o.overwrite()) {
            Files.deleteIfExists(tmp);
            throw InvalidInputException.in(sidecar.toString()).problem("already exists; pass --overwrite to replace it");
        }
        copy(atlas, meta.sql(), ExportFormat.CSV, sidecar);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        return new ExportReport(List.of(out, sidecar), n, meta.names());
    }

    private static void copy(Atlas atlas, String sql, ExportFormat format, Path out) throws IOException {
        Path tmp = temp(out);
        String options = switch (format) {
            case CSV -> "(FORMAT csv, HEADER true)";
            case PARQUET -> "(FORMAT parquet, COMPRESSION zstd)";
            case JSON -> "(FORMAT json)";
            case NPY -> throw new IllegalArgumentException("NPY is not a COPY format");
        };
        try (Statement s = atlas.connection().createStatement()) {
            s.execute("COPY (" + sql + ") TO " + Sql.literal(tmp.toString()) + " " + options);
        } catch (SQLException e) {
            Files.deleteIfExists(tmp);
            throw new StoreException("atlas " + atlas.path() + ": export failed: " + e.getMessage(), e);
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
    }

    private static long count(Atlas atlas, ExportQuery q) {
        long[] n = {0};
        atlas.query("counting rows", q.countSql(), rs -> {
            rs.next();
            n[0] = rs.getLong(1);
        });
        return n[0];
    }

    private static Path temp(Path out) {
        return out.resolveSibling("." + out.getFileName() + ".exporting-" + UUID.randomUUID());
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String layoutNames(Atlas atlas) {
        List<String> names = new ArrayList<>();
        atlas.layouts().list().forEach(m -> names.add(m.name()));
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }
}
