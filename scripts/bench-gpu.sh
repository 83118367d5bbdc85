#!/usr/bin/env bash
# Copyright 2026 The Starmap Authors
# SPDX-License-Identifier: Apache-2.0
#
# Packs the GPU benchmark for a machine that has only the NVIDIA driver (no Java, no Maven): a minimal Java
# runtime (.jrt, jlink: java.base + jdk.incubator.vector) and the jars of starmap-core, starmap-gpu and
# core's libraries (.gpu-bench/lib), plus Fashion-MNIST (.gpu-bench/fashion-mnist) when it is installed.
# Then, on the GPU machine, from the repository root:
#   .jrt/bin/java -Xmx24g --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
#     -cp '.gpu-bench/lib/*' starmap.gpu.bench.GpuBench fmnist --data .gpu-bench/fashion-mnist
#   ... GpuBench clusters --n 1250000 --dim 2            (and --dim 3; --device cpu for the CPU path)
#   ... GpuBench scaling --sizes 10000,100000,1250000
# With an argument, runs it here with the packed runtime instead (e.g. scripts/bench-gpu.sh clusters --n 20000
# --device cpu), which checks the small classpath is complete.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/env.sh"
find_java25
ensure_maven
cd "$STARMAP_ROOT"
mvn -B -q -DskipTests -pl starmap-gpu -am install >&2
rm -rf .gpu-bench/lib && mkdir -p .gpu-bench/lib
mvn -B -q -pl starmap-gpu dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$PWD/.gpu-bench/lib" >&2
cp starmap-gpu/target/starmap-gpu-*.jar .gpu-bench/lib/
if [[ ! -x .jrt/bin/java ]]; then
  "$JAVA_HOME/bin/jlink" --add-modules java.base,jdk.incubator.vector --strip-debug --no-man-pages \
    --no-header-files --compress=zip-9 --output .jrt
fi
if [[ -d /usr/share/datasets/fashion-mnist && ! -d .gpu-bench/fashion-mnist ]]; then
  cp -r /usr/share/datasets/fashion-mnist .gpu-bench/fashion-mnist
fi
du -sh .jrt .gpu-bench/lib >&2
if [[ $# -gt 0 ]]; then
  exec .jrt/bin/java -Xmx8g --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
    -cp '.gpu-bench/lib/*' starmap.gpu.bench.GpuBench "$@"
fi
