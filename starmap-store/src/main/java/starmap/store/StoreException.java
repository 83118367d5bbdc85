/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store;

import java.sql.SQLException;
import starmap.core.StarmapException;

/** A database operation on an atlas failed for a reason the user did not cause directly. */
public final class StoreException extends StarmapException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Wraps {@code e} as "atlas {path}: {what} failed: {reason}". */
    public static StoreException wrap(Object path, String what, SQLException e) {
        return new StoreException("atlas " + path + ": " + what + " failed: " + firstLine(e.getMessage()), e);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
