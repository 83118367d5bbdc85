/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Nvrtc} against the fake NVRTC (nvcc behind the NVRTC API); skipped without gcc and nvcc. */
class NvrtcTest {
    private static final String KERNEL = """
            extern "C" __global__ void k(float* a, int n) {
                int i = blockIdx.x * blockDim.x + threadIdx.x;
                if (i < n) {
                    a[i] = 2.0f * a[i];
                }
            }
            """;

    private static Path fake() {
        var library = FakeNvrtc.library();
        assumeTrue(library.isPresent(), "gcc or nvcc not on the PATH");
        return library.get();
    }

    private static Nvrtc nvrtc() {
        Nvrtc.Loaded loaded = Nvrtc.load(fake().toString());
        assertThat(loaded.problem()).isNull();
        return loaded.nvrtc().orElseThrow();
    }

    @Test
    void loadsTheLibraryThePropertyNames() {
        String path = fake().toString();
        String before = System.setProperty(Nvrtc.LIBRARY_PROPERTY, path);
        try {
            Nvrtc nvrtc = Nvrtc.load().nvrtc().orElseThrow();
            assertThat(nvrtc.library()).isEqualTo(path);
            assertThat(nvrtc.version()).containsExactly(13, 0);
        } finally {
            if (before == null) {
                System.clearProperty(Nvrtc.LIBRARY_PROPERTY);
            } else {
                System.setProperty(Nvrtc.LIBRARY_PROPERTY, before);
            }
        }
    }

    @Test
    void compilesToPtxForTheComputeCapability() {
        String ptx = nvrtc().compile(KERNEL, "k.cu", Nvrtc.optionsFor(7, 5));

        assertThat(ptx).contains(".entry k(").contains(".target sm_75").doesNotContain("\0");
    }

    @Test
    void aCompilationErrorCarriesTheLog() {
        Nvrtc nvrtc = nvrtc();
        String bad = """
                extern "C" __global__ void k(float* a, int n) {
                    int i = 0
                    a[i] = n;
                }
                """;

        assertThatThrownBy(() -> nvrtc.compile(bad, "bad.cu", Nvrtc.optionsFor(7, 5)))
                .isInstanceOfSatisfying(NvrtcException.class, e -> {
                    assertThat(e.getMessage()).startsWith("nvrtcCompileProgram failed: NVRTC_ERROR_COMPILATION (6): ")
                            .contains("bad.cu(3): error");
                    assertThat(e.call()).isEqualTo("nvrtcCompileProgram");
                    assertThat(e.result()).isEqualTo(Nvrtc.ERROR_COMPILATION);
                    assertThat(e.resultName()).isEqualTo("NVRTC_ERROR_COMPILATION");
                    assertThat(e.log()).contains("bad.cu(3): error").isEqualTo(e.log().strip());
                });
    }

    @Test
    void anUnknownOptionIsAnInvalidOption() {
        Nvrtc nvrtc = nvrtc();
        assertThatThrownBy(() -> nvrtc.compile(KERNEL, "k.cu", List.of("--no-such-option")))
                .isInstanceOfSatisfying(NvrtcException.class, e -> {
                    assertThat(e.resultName()).isEqualTo("NVRTC_ERROR_INVALID_OPTION");
                    assertThat(e.log()).contains("--no-such-option");
                });
    }

    @Test
    void aMissingLibraryIsNamed() {
        Nvrtc.Loaded loaded = Nvrtc.load("/nonexistent/libnvrtc.so.13");

        assertThat(loaded.nvrtc()).isEmpty();
        assertThat(loaded.problem()).contains("/nonexistent/libnvrtc.so.13");
    }

    @Test
    void aLibraryWithoutNvrtcIsNamedWithTheMissingFunction() {
        Nvrtc.Loaded loaded = Nvrtc.load("libc.so.6");

        assertThat(loaded.nvrtc()).isEmpty();
        assertThat(loaded.problem()).contains("libc.so.6 has no nvrtc");
    }

    @Test
    void withoutTheLibraryTheSearchSaysWhatItTried() {
        assumeTrue(System.getProperty(Nvrtc.LIBRARY_PROPERTY) == null, "-D" + Nvrtc.LIBRARY_PROPERTY + " is set");
        Nvrtc.Loaded loaded = Nvrtc.load();
        assumeTrue(loaded.nvrtc().isEmpty(), "a real NVRTC is installed: " + loaded.nvrtc().map(Nvrtc::library));

        assertThat(loaded.problem()).contains("libnvrtc.so.13", "libnvrtc.so.12", "/usr/local/cuda/lib64/libnvrtc.so",
                "/usr/local/cuda/targets/x86_64-linux/lib/libnvrtc.so.13");
    }

    @Test
    void searchesTheNamesThenCudaHomeThenTheToolkitDirectories() {
        List<String> candidates = Nvrtc.candidates("/opt/cuda/");

        assertThat(candidates).startsWith("libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so",
                "/opt/cuda/lib64/libnvrtc.so.13").contains("/usr/local/cuda/lib64/libnvrtc.so.12")
                .endsWith("/usr/local/cuda/targets/x86_64-linux/lib/libnvrtc.so").doesNotHaveDuplicates();
        assertThat(Nvrtc.candidates("/usr/local/cuda")).hasSize(9);
    }

    @Test
    void optionsForAComputeCapability() {
        assertThat(Nvrtc.optionsFor(8, 6)).containsExactly("--gpu-architecture=compute_86", "-std=c++17");
        assertThat(Nvrtc.optionsFor(12, 0)).containsExactly("--gpu-architecture=compute_120", "-std=c++17");
        assertThatThrownBy(() -> Nvrtc.optionsFor(8, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
