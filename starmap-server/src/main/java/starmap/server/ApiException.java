/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.server;

/** An error a client caused, answered with {@code status} and a JSON body naming what was wrong. */
final class ApiException extends RuntimeException {
    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    static ApiException notFound(String what, String name) {
        return new ApiException(404, "no " + what + " named '" + name + "'");
    }

    static ApiException badRequest(String parameter, String expected, String got) {
        return new ApiException(400, "parameter '" + parameter + "' must be " + expected + ", got '" + got + "'");
    }

    int status() {
        return status;
    }
}
