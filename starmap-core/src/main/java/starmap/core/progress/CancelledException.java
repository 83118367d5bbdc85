/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.progress;

import starmap.core.StarmapException;

/** Thrown by work that stopped because its {@link Progress} was cancelled. */
public final class CancelledException extends StarmapException {
    public CancelledException() {
        super("cancelled");
    }
}
