#!/usr/bin/env bash
# Copyright 2026 The Starmap Authors
# SPDX-License-Identifier: Apache-2.0
#
# Import benchmark (docs/benchmarks.md): Starmap's importer vs DuckDB's readers on the same generated
# 1,000,000 x 128 files, plus Fashion-MNIST, in one JVM capped at a 2 GiB heap. Arguments go to the harness.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/env.sh"
find_java25
ensure_maven
(cd "$STARMAP_ROOT" && mvn -B -q -DskipTests install) >&2
cd "$STARMAP_ROOT"
exec "$JAVA_HOME/bin/java" -Xmx2g "${STARMAP_JAVA_FLAGS[@]}" -jar starmap-bench/target/starmap-bench.jar import "$@"
