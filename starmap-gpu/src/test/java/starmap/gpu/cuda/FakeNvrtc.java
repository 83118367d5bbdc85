/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu.cuda;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The fake NVRTC of {@code src/test/c/fake_nvrtc.c} (the NVRTC API over {@code nvcc -ptx}), built with gcc
 * into {@code target/fake-nvrtc/libfakenvrtc.so} when missing or older than its source.
 */
public final class FakeNvrtc {
    private FakeNvrtc() {
    }

    /** The built library; empty when gcc or nvcc is not on the PATH (tests then skip). */
    public static synchronized Optional<Path> library() {
        if (!onPath("gcc") || !onPath("nvcc")) {
            return Optional.empty();
        }
        Path module = moduleDirectory();
        Path source = module.resolve("src/test/c/fake_nvrtc.c");
        Path library = module.resolve("target/fake-nvrtc/libfakenvrtc.so");
        try {
            if (!Files.exists(library)
                    || Files.getLastModifiedTime(library).compareTo(Files.getLastModifiedTime(source)) < 0) {
                Files.createDirectories(library.getParent());
                Path tmp = Files.createTempFile(library.getParent(), "libfakenvrtc", ".so");
                Process gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-shared", "-fPIC", "-o", tmp.toString(),
                        source.toString()).redirectErrorStream(true).start();
                String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (gcc.waitFor() != 0) {
                    Files.deleteIfExists(tmp);
                    throw new IllegalStateException("gcc failed to build " + source + ":\n" + output);
                }
                Files.move(tmp, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot build " + library, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted building " + library, e);
        }
        return Optional.of(library);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** starmap-gpu: the test classes are in its target/test-classes. */
    private static Path moduleDirectory() {
        try {
            Path classes = Path.of(FakeNvrtc.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
