/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu.cuda;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/** What the CUDA driver and NVRTC bindings share: binding result-returning C functions, and rethrowing. */
final class NativeCalls {
    static final Linker LINKER = Linker.nativeLinker();

    private NativeCalls() {
    }

    /** A function the library lacks; its message is the function's name. */
    static final class MissingSymbol extends RuntimeException {
        MissingSymbol(String name) {
            super(name, null, false, false);
        }
    }

    /** The address of {@code name} in {@code lib}. */
    static MemorySegment find(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new MissingSymbol(name));
    }

    /** A downcall to {@code name}, a C function returning an int result code and taking {@code args}. */
    static MethodHandle bind(SymbolLookup lib, String name, MemoryLayout... args) {
        return LINKER.downcallHandle(find(lib, name), FunctionDescriptor.of(JAVA_INT, args));
    }

    /** A throwable from {@code invokeExact}, as an unchecked exception (errors thrown as they are). */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
