/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.Serializable;

/**
 * Part of an item's row of the co-occurrence matrix: the sums one batch of collections gives, in double,
 * and how many of the batch's collections hold the item (a collection is never split across batches).
 *
 * <p>These are what the job shuffles, so they travel compactly: columns as variable-length integers, and
 * sums as variable-length integers when they all are small whole numbers (unweighted collections that were
 * not split, the common case), else as doubles.
 */
final class PartialRow implements Serializable, KryoSerializable {
    private static final long serialVersionUID = 1L;

    int[] columns;
    double[] sums;
    int collections;

    PartialRow() {
    }

    PartialRow(int[] columns, double[] sums, int collections) {
        this.columns = columns;
        this.sums = sums;
        this.collections = collections;
    }

    @Override
    public void write(Kryo kryo, Output out) {
        out.writeVarInt(collections, true);
        out.writeVarInt(columns.length, true);
        for (int c : columns) {
            out.writeVarInt(c, true);
        }
        boolean whole = true;
        for (double s : sums) {
            if (s != Math.rint(s) || s < 0 || s > Integer.MAX_VALUE) {
                whole = false;
                break;
            }
        }
        out.writeBoolean(whole);
        for (double s : sums) {
            if (whole) {
                out.writeVarInt((int) s, true);
            } else {
                out.writeDouble(s);
            }
        }
    }

    @Override
    public void read(Kryo kryo, Input in) {
        collections = in.readVarInt(true);
        int n = in.readVarInt(true);
        columns = new int[n];
        for (int p = 0; p < n; p++) {
            columns[p] = in.readVarInt(true);
        }
        sums = new double[n];
        if (in.readBoolean()) {
            for (int p = 0; p < n; p++) {
                sums[p] = in.readVarInt(true);
            }
        } else {
            for (int p = 0; p < n; p++) {
                sums[p] = in.readDouble();
            }
        }
    }
}
