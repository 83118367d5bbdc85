#!/usr/bin/env bash
# Copyright 2026 The Starmap Authors
# SPDX-License-Identifier: Apache-2.0
#
# The demo: Fashion-MNIST (70,000 images of 28×28 pixels, 10 labelled classes) imported into an atlas
# and described. Installs the dataset from Debian if it is missing. The atlas lands in demo/.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/env.sh"
find_java25
ensure_packages dataset-fashion-mnist
data=/usr/share/datasets/fashion-mnist
mkdir -p "$STARMAP_ROOT/demo"
atlas="$STARMAP_ROOT/demo/fashion-mnist.duckdb"
starmap="$STARMAP_ROOT/bin/starmap"
"$starmap" import "$data/train-images-idx3-ubyte.gz" "$data/t10k-images-idx3-ubyte.gz" --atlas "$atlas" --replace \
  --label-names "T-shirt/top,Trouser,Pullover,Dress,Coat,Sandal,Shirt,Sneaker,Bag,Ankle boot"
echo
"$starmap" info "$atlas"
cat <<MSG

The demo atlas is $atlas: a DuckDB file. Look inside with DuckDB, e.g.
  SELECT label, count(*) FROM points GROUP BY label;
or export it:
  bin/starmap export $atlas --format parquet --out fashion-mnist.parquet --vectors
MSG
