/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafePathsTest {
    @TempDir
    Path dir;

    @Test
    void files_under_the_root_resolve_and_nothing_else_does() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root/img"));
        Files.writeString(root.resolve("a.png"), "a");
        Path outside = Files.writeString(dir.resolve("secret.txt"), "s");
        Files.createSymbolicLink(root.resolve("link.png"), outside);
        Files.createSymbolicLink(root.resolve("inner.png"), root.resolve("a.png"));
        Files.createSymbolicLink(root.resolve("up"), dir);

        assertThat(SafePaths.resolve(root, "a.png")).isEqualTo(root.resolve("a.png").toRealPath());
        assertThat(SafePaths.resolve(root, "inner.png")).isEqualTo(root.resolve("a.png").toRealPath());
        assertThat(status(root, "../../secret.txt")).isEqualTo(403);
        assertThat(status(root, "x/../../secret.txt")).isEqualTo(403);
        assertThat(status(root, outside.toString())).isEqualTo(403);
        assertThat(status(root, "link.png")).isEqualTo(403);
        assertThat(status(root, "up/secret.txt")).isEqualTo(403);
        assertThat(status(root, "missing.png")).isEqualTo(404);
        assertThatThrownBy(() -> SafePaths.resolve(root, "../../secret.txt")).hasMessageContaining("'..'");
    }

    private static int status(Path root, String rel) {
        try {
            SafePaths.resolve(root, rel);
            return 200;
        } catch (ApiException e) {
            return e.status();
        }
    }
}
