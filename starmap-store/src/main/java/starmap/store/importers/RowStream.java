/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import starmap.core.InvalidInputException;
import starmap.core.progress.Progress;
import starmap.store.ColumnType;
import starmap.store.arrow.ArrowColumns;
import starmap.store.arrow.ArrowInsert;

/**
 * Reads the parts of an import in lockstep and turns each batch of rows into an Arrow batch for the
 * points table: row_idx, id, [vector], then the plan's columns. Checks ids and image paths on the way.
 */
final class RowStream implements ArrowInsert.Filler {
    private static final int MAX_BATCH_FLOATS = 4 << 20;
    private static final int MISSING_EXAMPLES = 3;

    private final RowPlan plan;
    private final Part main;
    private final List<Part> others;
    private final Progress progress;
    private final int batchRows;
    private final ColumnData labelText;
    private int next;
    private long missingImages;
    private final List<String> missingExamples = new ArrayList<>();

    RowStream(RowPlan plan, Part main, List<Part> others, Progress progress) {
        this.plan = plan;
        this.main = main;
        this.others = others;
        this.progress = progress;
        this.batchRows = Math.max(256, Math.min(65_536, MAX_BATCH_FLOATS / Math.max(plan.dim, 1)));
        main.allocate(batchRows);
        others.forEach(p -> p.allocate(batchRows));
        this.labelText = new ColumnData(ColumnType.VARCHAR, batchRows);
    }

    /** The Arrow schema of the stream. */
    Schema schema() {
        List<Field> fields = new ArrayList<>();
        fields.add(ArrowColumns.intField("row_idx"));
        fields.add(ArrowColumnWriter.field("id", plan.idType));
        if (plan.dim > 0) {
            fields.add(ArrowColumns.floatArrayField("vector", plan.dim));
        }
        for (RowPlan.Out c : plan.columns) {
            fields.add(ArrowColumnWriter.field(c.name(), c.type()));
        }
        return new Schema(fields);
    }

    @Override
    public boolean fill(VectorSchemaRoot root) throws IOException {
        progress.checkCancelled();
        int m = main.read(batchRows);
        for (Part p : others) {
            int got = p.read(m == 0 ? 1 : m);
            if (got != m) {
                throw InvalidInputException.in(p.describe()).problem("ended after a different number of rows than "
                        + main.describe() + " (a file changed while it was read)");
            }
        }
        if (m == 0) {
            return false;
        }
        ArrowColumns.setSequence((IntVector) root.getVector(0), next, m);
        writeIds(root, m);
        int v = 2;
        if (plan.dim > 0) {
            ArrowColumns.setFloatRows((FixedSizeListVector) root.getVector(v++), plan.vectorPart.batch.vectors, 0, m,
                    plan.dim);
        }
        for (RowPlan.Out c : plan.columns) {
            writeColumn(root, v++, c, m);
        }
        root.setRowCount(m);
        next += m;
        progress.advance(m);
        return true;
    }

    private void writeIds(VectorSchemaRoot root, int m) {
        if (plan.id.isEmpty()) {
            BigIntVector ids = (BigIntVector) root.getVector(1);
            ids.allocateNew(m);
            for (int i = 0; i < m; i++) {
                ids.set(i, next + i);
            }
            ids.setValueCount(m);
            return;
        }
        RowPlan.Out id = plan.id.get();
        ColumnData col = id.part().batch.columns[id.index()];
        for (int i = 0; i < m; i++) {
            String text = col.text(i);
            if (text == null || text.isEmpty()) {
                Part.Location at = id.part().locate(next + i);
                throw InvalidInputException.in(at.file()).row(at.row()).column(id.sourceName())
                        .problem("id is empty; every point needs an id");
            }
        }
        if (plan.idType == ColumnType.BIGINT) {
            ArrowColumnWriter.write(root.getVector(1), col, m);
        } else {
            String[] text = new String[m];
            for (int i = 0; i < m; i++) {
                text[i] = col.text(i);
            }
            ArrowColumnWriter.writeStrings((VarCharVector) root.getVector(1), text, null, m);
        }
    }

    private void writeColumn(VectorSchemaRoot root, int v, RowPlan.Out c, int m) {
        if (c.part() == null) {
            String[] files = new String[m];
            for (int i = 0; i < m; i++) {
                files[i] = main.readerOf(i).path().getFileName().toString();
            }
            ArrowColumnWriter.writeStrings((VarCharVector) root.getVector(v), files, null, m);
            return;
        }
        ColumnData col = c.part().batch.columns[c.index()];
        if (plan.imageColumn.isPresent() && plan.imageColumn.get().name().equals(c.name())) {
            checkImages(c, col, m);
        }
        if (c.type() == ColumnType.VARCHAR && col.type == ColumnType.BIGINT) {
            nameLabels(c, col, m);
            ArrowColumnWriter.write(root.getVector(v), labelText, m);
            return;
        }
        ArrowColumnWriter.write(root.getVector(v), col, m);
    }

    private void nameLabels(RowPlan.Out c, ColumnData col, int m) {
        List<String> names = plan.labelNames;
        for (int i = 0; i < m; i++) {
            if (col.nulls[i]) {
                labelText.setNull(i);
                continue;
            }
            long label = col.longs[i];
            if (label < 0 || label >= names.size()) {
                Part.Location at = c.part().locate(next + i);
                throw InvalidInputException.in(at.file()).row(at.row()).column(c.sourceName()).problem("label " + label
                        + " has no name; --label-names gives " + names.size() + " names for labels 0 to "
                        + (names.size() - 1));
            }
            labelText.setString(i, names.get((int) label));
        }
    }

    private void checkImages(RowPlan.Out c, ColumnData col, int m) {
        Path root = plan.imageRoot.orElseThrow();
        for (int i = 0; i < m; i++) {
            if (col.nulls[i]) {
                continue;
            }
            Path p = root.resolve(col.strings[i]).normalize();
            if (!p.startsWith(root)) {
                Part.Location at = c.part().locate(next + i);
                throw InvalidInputException.in(at.file()).row(at.row()).column(c.sourceName()).problem("image path '"
                        + col.strings[i] + "' lies outside the images root " + root + " (set --images-root)");
            }
            if (!Files.isRegularFile(p)) {
                missingImages++;
                if (missingExamples.size() < MISSING_EXAMPLES) {
                    missingExamples.add(p.toString());
                }
            }
        }
    }

    /** Warnings gathered while streaming. */
    List<String> warnings() {
        List<String> w = new ArrayList<>();
        if (missingImages > 0) {
            w.add(missingImages + " image file(s) named in column '" + plan.imageColumn.orElseThrow().name()
                    + "' do not exist under " + plan.imageRoot.orElseThrow() + ", e.g. "
                    + String.join(", ", missingExamples));
        }
        return w;
    }
}
