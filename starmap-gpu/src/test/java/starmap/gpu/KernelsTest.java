/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The committed PTX is the one scripts/gpu-ptx.sh makes from the current kernels.cu, with every kernel. */
class KernelsTest {
    @Test
    void committed_ptx_was_generated_from_the_current_source() throws Exception {
        String source = Files.readString(Path.of("src/main/cuda/kernels.cu"));
        String ptx = Gpu.resource(Gpu.PTX);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(source.getBytes(StandardCharsets.UTF_8)));
        assertThat(ptx.lines().findFirst().orElse(""))
                .as("kernels.ptx is stale: run scripts/gpu-ptx.sh")
                .isEqualTo("// starmap-source-sha256: " + hash);
        Matcher m = Pattern.compile("extern \"C\" __global__ void (\\w+)\\(").matcher(source);
        int kernels = 0;
        while (m.find()) {
            kernels++;
            assertThat(ptx).contains(".entry " + m.group(1) + "(");
        }
        assertThat(kernels).isGreaterThanOrEqualTo(10);
        assertThat(Gpu.resource(Gpu.SOURCE)).as("the source ships for NVRTC").isEqualTo(source);
    }
}
