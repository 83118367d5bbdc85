/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.device;

import java.util.Locale;
import starmap.core.InvalidInputException;

/** Where layouts and kNN searches run ({@code --device}). */
public enum Device {
    /** The GPU when one is usable and the problem is large enough, else the CPU (said once). */
    AUTO,
    /** Always the CPU. */
    CPU,
    /** The GPU; an error naming the reason when none is usable. */
    GPU;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Device parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.in("--device").problem("unknown device '" + s + "'; expected auto, cpu or gpu");
        }
    }
}
