/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core;

/** Base of every exception Starmap throws on purpose. Unchecked. */
public class StarmapException extends RuntimeException {
    public StarmapException(String message) {
        super(message);
    }

    public StarmapException(String message, Throwable cause) {
        super(message, cause);
    }
}
