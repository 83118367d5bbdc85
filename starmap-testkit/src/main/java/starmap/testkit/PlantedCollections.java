/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Collections of items with planted communities: item i belongs to community {@code i % communities},
 * except the first {@code bridges} items, which belong to community 0 and 1 at once (label −1). Each
 * collection picks a home community and draws its items from it, each one with probability
 * {@code noise} from all items instead; a collection holding a bridge item draws half its other items
 * from community 0 and half from community 1. Sizes are uniform in [2, 2 · meanSize − 2].
 *
 * @param community the planted community of each item, −1 for a bridge
 * @param collection the collection of each row
 * @param item       the item of each row
 */
public record PlantedCollections(int items, int communities, int collections, int[] community, int[] collection,
        int[] item) {

    public static PlantedCollections generate(int items, int communities, int collections, int meanSize,
            double noise, int bridges, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] community = new int[items];
        for (int i = 0; i < items; i++) {
            community[i] = i < bridges ? -1 : i % communities;
        }
        int perCommunity = (items - bridges) / communities;
        int[] cBuf = new int[collections * 2 * meanSize];
        int[] iBuf = new int[cBuf.length];
        int rows = 0;
        for (int c = 0; c < collections; c++) {
            int size = 2 + rnd.nextInt(Math.max(1, 2 * meanSize - 3));
            int bridge = bridges > 0 && rnd.nextInt(items) < bridges * 4 ? rnd.nextInt(bridges) : -1;
            int home = rnd.nextInt(communities);
            for (int s = 0; s < size; s++) {
                int it;
                if (bridge >= 0 && s == 0) {
                    it = bridge;
                } else if (rnd.nextDouble() < noise) {
                    it = rnd.nextInt(items);
                } else {
                    int comm = bridge >= 0 ? (s % 2) : home;
                    it = member(comm, rnd.nextInt(perCommunity), communities, bridges, items);
                }
                cBuf[rows] = c;
                iBuf[rows++] = it;
            }
        }
        return new PlantedCollections(items, communities, collections, community,
                java.util.Arrays.copyOf(cBuf, rows), java.util.Arrays.copyOf(iBuf, rows));
    }

    /** The m-th non-bridge item of community comm. */
    private static int member(int comm, int m, int communities, int bridges, int items) {
        // non-bridge items i ≥ bridges with i % communities == comm
        int first = bridges + Math.floorMod(comm - bridges, communities);
        int it = first + m * communities;
        return it < items ? it : first;
    }

    /** Rows. */
    public int rows() {
        return item.length;
    }

    /** Writes {@code user,item} rows (ids "u17", "i42") as CSV with a header. */
    public Path writeCsv(Path file) {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("user,item\n");
            for (int r = 0; r < rows(); r++) {
                w.write("u" + collection[r] + ",i" + item[r] + "\n");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes item metadata {@code item,name,category} as CSV with a header (bridges are "bridge"). */
    public Path writeItemsCsv(Path file) {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("item,name,category\n");
            for (int i = 0; i < items; i++) {
                w.write("i" + i + ",Item " + i + "," + (community[i] < 0 ? "bridge" : "c" + community[i]) + "\n");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
