/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core;

/**
 * A parameter is out of its domain. The message reads {@code "<param> must be <rule>, got <value>"}.
 */
public final class InvalidParameterException extends InvalidInputException {
    private final String rule;
    private final String value;

    private InvalidParameterException(String parameter, String rule, Object value) {
        super(InvalidInputException.in(parameter).describe("must be " + rule + ", got " + value));
        this.rule = rule;
        this.value = String.valueOf(value);
    }

    /** Builds {@code "<parameter> must be <rule>, got <value>"}. */
    public static InvalidParameterException of(String parameter, String rule, Object value) {
        return new InvalidParameterException(parameter, rule, value);
    }

    /** Throws unless {@code ok}; the usual way to validate a record component. */
    public static void require(boolean ok, String parameter, String rule, Object value) {
        if (!ok) {
            throw of(parameter, rule, value);
        }
    }

    public String parameter() {
        return source();
    }

    public String rule() {
        return rule;
    }

    public String value() {
        return value;
    }

    @Override
    public String getMessage() {
        return source() + " must be " + rule + ", got " + value;
    }
}
