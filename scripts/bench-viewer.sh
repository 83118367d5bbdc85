#!/usr/bin/env bash
# Copyright 2026 The Starmap Authors
# SPDX-License-Identifier: Apache-2.0
#
# Viewer benchmark (docs/benchmarks.md): Starmap's viewer against Plotly's WebGL scatter (scattergl,
# scatter3d) on the same generated points, each in a fresh headless Chromium, in one run. Plotly.js is
# not part of Starmap: npm's plotly.js-dist-min, at the pinned version below, is fetched once into
# bench-data/ (git-ignored; STARMAP_PLOTLY_DIR to put it elsewhere). Arguments go to the harness
# (--sizes, --dims, --work, --out, --seconds, --timeout, --plotly-data).
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/env.sh"
PLOTLY_VERSION=4.1.2
find_java25
ensure_maven
ensure_node
ensure_packages chromium chromium-driver
plotly_dir=${STARMAP_PLOTLY_DIR:-$STARMAP_ROOT/bench-data/plotly-$PLOTLY_VERSION}
plotly_js=$plotly_dir/node_modules/plotly.js-dist-min/plotly.min.js
if [ ! -f "$plotly_js" ]; then
  echo "starmap: fetching plotly.js-dist-min@$PLOTLY_VERSION from npm into $plotly_dir" >&2
  mkdir -p "$plotly_dir"
  npm install --no-audit --no-fund --no-save --prefix "$plotly_dir" "plotly.js-dist-min@$PLOTLY_VERSION" >&2
fi
(cd "$STARMAP_ROOT" && mvn -B -q -DskipTests install) >&2
cd "$STARMAP_ROOT"
exec "$JAVA_HOME/bin/java" -Xmx4g "${STARMAP_JAVA_FLAGS[@]}" -jar starmap-bench/target/starmap-bench.jar viewer \
  --plotly "$plotly_js" "$@"
