/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One measured run: wall time, the peak of the Java heap (sum of the heap pools' peaks, reset before
 * the run) and the process's peak resident set (Linux VmHWM, reset through /proc/self/clear_refs),
 * which includes DuckDB's native memory.
 *
 * @param seconds  wall time
 * @param heapMb   peak heap in MiB
 * @param rssMb    peak resident set in MiB
 */
record Measure(double seconds, double heapMb, double rssMb) {

    /** Work to measure. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    static Measure of(Work work) throws Exception {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        resetPeakRss();
        long t0 = System.nanoTime();
        work.run();
        double s = (System.nanoTime() - t0) / 1e9;
        long heap = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                heap += p.getPeakUsage().getUsed();
            }
        }
        return new Measure(s, heap / 1048576.0, peakRssKb() / 1024.0);
    }

    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux or not permitted: the RSS figure is then the peak since start
        }
    }

    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
