/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu.cuda;

import starmap.core.StarmapException;

/**
 * An NVRTC call that returned an error: the call, the {@code nvrtcResult} code, its name and, for a failed
 * compilation, the program log, e.g. {@code nvrtcCompileProgram failed: NVRTC_ERROR_COMPILATION (6):
 * kernels.cu(12): error: identifier "x" is undefined ...}.
 */
public final class NvrtcException extends StarmapException {
    private final String call;
    private final int result;
    private final String resultName;
    private final String log;

    public NvrtcException(String call, int result, String resultName, String log) {
        super(call + " failed: " + resultName + " (" + result + ")" + (log == null || log.isBlank() ? ""
                : ": " + log.strip()));
        this.call = call;
        this.result = result;
        this.resultName = resultName;
        this.log = log == null ? "" : log.strip();
    }

    /** The NVRTC function that failed, e.g. {@code nvrtcCompileProgram}. */
    public String call() {
        return call;
    }

    /** The {@code nvrtcResult} it returned, e.g. 6 ({@code NVRTC_ERROR_COMPILATION}). */
    public int result() {
        return result;
    }

    /** The result's name, e.g. {@code NVRTC_ERROR_COMPILATION}. */
    public String resultName() {
        return resultName;
    }

    /** The program log, trimmed; empty when the call has none. */
    public String log() {
        return log;
    }
}
