/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.progress;

/**
 * Receives progress from long work and can ask it to stop.
 *
 * <p>Work calls {@link #begin} once per task, {@link #advance} as units complete, {@link #end} when the
 * task is finished, and {@link #checkCancelled} between units. Implementations must tolerate calls from
 * several threads.
 */
public interface Progress {
    /** Reports nothing and never cancels. */
    Progress NONE = new Progress() {
        @Override
        public void begin(String task, long total) {
        }

        @Override
        public void advance(long units) {
        }

        @Override
        public void end() {
        }
    };

    /**
     * A task starts.
     *
     * @param task  what is being done, shown to the user ("import train.npy")
     * @param total units of work expected, or 0 when unknown
     */
    void begin(String task, long total);

    /** {@code units} more units are done. */
    void advance(long units);

    /** The current task is finished. */
    void end();

    /** True when the user asked to stop. */
    default boolean isCancelled() {
        return false;
    }

    /** Throws {@link CancelledException} when the user asked to stop. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
