/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FakeCudaTest {
    @Test
    void value_types_lose_the_name_restrict_and_top_level_const() {
        assertThat(FakeCuda.valueType("const float* __restrict__ y")).isEqualTo("const float*");
        assertThat(FakeCuda.valueType("const float * const __restrict__ x")).isEqualTo("const float*");
        assertThat(FakeCuda.valueType("float* const p")).isEqualTo("float*");
        assertThat(FakeCuda.valueType("float *y")).isEqualTo("float*");
        assertThat(FakeCuda.valueType("const int n")).isEqualTo("int");
        assertThat(FakeCuda.valueType("int const n")).isEqualTo("int");
        assertThat(FakeCuda.valueType("unsigned long long* out")).isEqualTo("unsigned long long*");
        assertThat(FakeCuda.valueType("unsigned int")).isEqualTo("unsigned int");
        assertThat(FakeCuda.valueType("long long n")).isEqualTo("long long");
        assertThat(FakeCuda.valueType("const int* const* rows")).isEqualTo("const int* const*");
        assertThat(FakeCuda.valueType("uint32_t seed")).isEqualTo("uint32_t");
        assertThat(FakeCuda.valueType("float2* __restrict out")).isEqualTo("float2*");
    }

    @Test
    void wraps_each_kernel_once() {
        String source = """
                // extern "C" __global__ void commented(int n) {}
                /* extern "C" __global__ void
                   also_commented(int n) {} */
                extern "C" __global__ void forward(int n, float* y);

                extern "C" __global__ void __launch_bounds__(256, 2)
                forward(int n,       // elements
                        float* y) {  /* ) */
                }
                extern "C" __global__ void none() {}
                extern "C"   __global__   void   strings(const char* s) { const char* t = "extern \\"C\\""; }
                """;
        String wrappers = FakeCuda.wrappers(source, "k.cu");
        assertThat(wrappers).doesNotContain("commented").containsOnlyOnce("emu_forward").contains("""
                extern "C" void forward(int n, float* y);
                extern "C" void emu_forward(void** p) {
                    forward(*(int*) p[0], *(float**) p[1]);
                }
                extern "C" int emuparams_forward() {
                    return 2;
                }
                """, """
                extern "C" void none();
                extern "C" void emu_none(void** p) {
                    (void) p;
                    none();
                }
                extern "C" int emuparams_none() {
                    return 0;
                }
                """, "strings(*(const char**) p[0]);");
    }

    @Test
    void builds_once_and_reports_compile_errors() throws IOException {
        Path kernels = Path.of("src", "test", "c", "test_kernels.cu");
        Optional<FakeCuda> fake = FakeCuda.build(kernels);
        assumeTrue(fake.isPresent(), "no gcc or g++ on the PATH");
        assertThat(FakeCuda.build(kernels)).containsSame(fake.get());
        assertThat(fake.get().driverLibrary()).isRegularFile().hasFileName("libfakecuda.so");
        assertThat(fake.get().kernelLibrary()).isRegularFile().hasFileName("libstarmap_emu.so");

        // __syncthreads is left out of emu.h: a kernel that needs it is not one the fake can run.
        Path dir = Files.createDirectories(Path.of("target", "fake-cuda-test"));
        Path broken = Files.writeString(dir.resolve("broken.cu"), """
                extern "C" __global__ void broken(int n, float* y) {
                    __syncthreads();
                }
                """);
        assertThatThrownBy(() -> FakeCuda.build(broken)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("g++ failed (exit 1): g++ ").hasMessageContaining("__syncthreads");
    }
}
