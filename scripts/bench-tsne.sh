#!/usr/bin/env bash
# Copyright 2026 The Starmap Authors
# SPDX-License-Identifier: Apache-2.0
#
# t-SNE benchmark (docs/benchmarks.md): Starmap and its peers on Fashion-MNIST in one run, every output
# scored by Starmap's metrics. Peers are built outside the repository; point STARMAP_PEERS (or --peers) at
# the directory holding their runner scripts. Arguments go to the harness (--tools, --dims, --n, ...).
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/env.sh"
find_java25
ensure_maven
ensure_packages dataset-fashion-mnist
(cd "$STARMAP_ROOT" && mvn -B -q -DskipTests install) >&2
cd "$STARMAP_ROOT"
exec "$JAVA_HOME/bin/java" -Xmx12g "${STARMAP_JAVA_FLAGS[@]}" -jar starmap-bench/target/starmap-bench.jar tsne "$@"
