/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.progress;

/** For tests: progress that reports nothing and has been cancelled from the start. */
public final class Cancelled {
    /** Every {@link Progress#checkCancelled} throws. */
    public static final Progress PROGRESS = new Progress() {
        @Override
        public void begin(String task, long total) {
        }

        @Override
        public void advance(long units) {
        }

        @Override
        public void end() {
        }

        @Override
        public boolean isCancelled() {
            return true;
        }
    };

    private Cancelled() {
    }
}
