/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.cli;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import starmap.core.progress.Progress;

/**
 * Draws {@link Progress} as a progress bar: animated on a terminal, and as a plain line every few
 * seconds when output goes to a file or pipe, so logs stay readable.
 */
final class ConsoleProgress implements Progress {
    private final PrintStream err;
    private final boolean terminal;
    private final boolean quiet;
    private ProgressBar bar;

    ConsoleProgress(PrintStream err, boolean quiet) {
        this.err = err;
        this.terminal = System.console() != null && System.console().isTerminal();
        this.quiet = quiet;
    }

    @Override
    public synchronized void begin(String task, long total) {
        if (quiet) {
            return;
        }
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total > 0 ? total : -1)
                .setUnit(unit(task), 1).showSpeed().setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS);
        if (terminal) {
            b.setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200);
        } else {
            b.setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis((int) Duration.ofSeconds(5).toMillis())
                    .setConsumer(new DelegatingProgressBarConsumer(err::println, 100));
        }
        bar = b.build();
    }

    private static String unit(String task) {
        return task.startsWith("optimize") ? " it" : task.startsWith("umap") ? " epochs"
                : task.startsWith("knn") ? " pts" : " rows";
    }

    @Override
    public synchronized void advance(long units) {
        if (bar != null) {
            bar.stepBy(units);
        }
    }

    /** A short note shown after the bar, e.g. the current KL divergence. */
    synchronized void note(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    @Override
    public synchronized void end() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
