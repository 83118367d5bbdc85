#!/usr/bin/env bash
# Copyright 2026 The Starmap Authors
# SPDX-License-Identifier: Apache-2.0
#
# The demo map: Fashion-MNIST (70,000 images of 28×28 pixels, 10 labelled classes) imported into an
# atlas, laid out with t-SNE in 2-D and 3-D and with PCA, and served to the browser. The first run
# builds everything (about two minutes on 2 cores); later runs reuse the atlas in demo/ and start at
# once. When the Debian package dataset-fashion-mnist cannot be installed, a generated dataset of
# labelled Gaussian clusters stands in.
#
# Usage: scripts/demo.sh [--port PORT] [--rebuild] [--no-serve]
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/env.sh"
port=8080
rebuild=false
serve=true
while [ $# -gt 0 ]; do
  case "$1" in
    --port) [ $# -ge 2 ] || { echo "demo.sh: --port needs a number" >&2; exit 2; }; port="$2"; shift 2 ;;
    --rebuild) rebuild=true; shift ;;
    --no-serve) serve=false; shift ;;
    -h|--help) sed -n '4,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "demo.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done
find_java25
mkdir -p "$STARMAP_ROOT/demo"
starmap="$STARMAP_ROOT/bin/starmap"
data=/usr/share/datasets/fashion-mnist

if ensure_packages dataset-fashion-mnist && [ -f "$data/train-images-idx3-ubyte.gz" ]; then
  atlas="$STARMAP_ROOT/demo/fashion-mnist.duckdb"
  if $rebuild || [ ! -f "$atlas" ]; then
    "$starmap" import "$data/train-images-idx3-ubyte.gz" "$data/t10k-images-idx3-ubyte.gz" --atlas "$atlas" \
      --replace --label-names "T-shirt/top,Trouser,Pullover,Dress,Coat,Sandal,Shirt,Sneaker,Bag,Ankle boot"
  fi
else
  echo "demo: Fashion-MNIST is not available here; using 20,000 generated points in 10 labelled clusters" >&2
  atlas="$STARMAP_ROOT/demo/clusters.duckdb"
  if $rebuild || [ ! -f "$atlas" ]; then
    csv="$STARMAP_ROOT/demo/clusters.csv"
    awk 'BEGIN {
      srand(7); n = 20000; d = 32; k = 10; pi = atan2(0, -1)
      for (c = 0; c < k; c++) for (j = 0; j < d; j++) centre[c, j] = (2 * rand() - 1) * 6
      printf "id,label"; for (j = 0; j < d; j++) printf ",f%d", j; printf "\n"
      for (i = 0; i < n; i++) {
        c = i % k; printf "p%d,cluster %d", i, c
        for (j = 0; j < d; j++) printf ",%.4f", centre[c, j] + sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
        printf "\n"
      }
    }' > "$csv"
    "$starmap" import "$csv" --id id --vector-columns 'f*' --atlas "$atlas" --replace
  fi
fi

have_layout() { "$starmap" quality "$atlas" 2>/dev/null | awk 'NR > 1 {print $1}' | grep -qx "$1"; }
have_layout tsne-2d || "$starmap" embed "$atlas" --method tsne --dim 2
have_layout tsne-3d || "$starmap" embed "$atlas" --method tsne --dim 3
have_layout pca-2d || "$starmap" embed "$atlas" --method pca --dim 2
have_layout umap-2d || "$starmap" embed "$atlas" --method umap --dim 2
echo
"$starmap" quality "$atlas"
echo
if $serve; then
  exec "$starmap" serve "$atlas" --port "$port"
fi
