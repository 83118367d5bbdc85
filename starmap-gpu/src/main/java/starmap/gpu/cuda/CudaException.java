/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu.cuda;

import starmap.core.StarmapException;

/**
 * A CUDA driver call that returned an error: the call, the {@code CUresult} code, its name and the
 * driver's description, e.g. {@code cuInit failed: CUDA_ERROR_NO_DEVICE (100): no CUDA-capable device is detected}.
 */
public final class CudaException extends StarmapException {
    private final String call;
    private final int result;

    public CudaException(String call, int result, String name, String description) {
        super(call + " failed: " + name + " (" + result + ")" + (description == null || description.isEmpty()
                ? "" : ": " + description));
        this.call = call;
        this.result = result;
    }

    /** The driver function that failed, e.g. {@code cuMemAlloc_v2}. */
    public String call() {
        return call;
    }

    /** The {@code CUresult} it returned. */
    public int result() {
        return result;
    }

    /** The {@code CUresult}'s name, e.g. {@code CUDA_ERROR_OUT_OF_MEMORY}. */
    public String resultName() {
        return CudaResult.name(result);
    }
}
