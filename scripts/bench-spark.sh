#!/usr/bin/env bash
# Copyright 2026 The Starmap Authors
# SPDX-License-Identifier: Apache-2.0
#
# The Spark benchmark: the relationships benchmark's Zipf rows (user, item) as Parquet, then
# `starmap relate --embed none` with the local engine and with the Spark engine (local mode) on the same
# file, one after the other, each a whole process timed with /usr/bin/time (wall clock, peak resident
# memory of the process or of its Spark child, whichever is larger). Results go to bench-data/spark/.
#
#   scripts/bench-spark.sh [ROWS] [USERS] [ENGINES] [HEAP]
#   scripts/bench-spark.sh 20000000 1000000 local,spark 8g     (the defaults)
#   scripts/bench-spark.sh 200000000 10000000 spark 8g
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/env.sh"
find_java25
ensure_built
ROWS=${1:-20000000}
USERS=${2:-1000000}
ENGINES=${3:-local,spark}
HEAP=${4:-8g}
OUT="$STARMAP_ROOT/bench-data/spark"
mkdir -p "$OUT"
DATA="$OUT/zipf-$ROWS.parquet"
if [ ! -f "$DATA" ]; then
  (cd "$STARMAP_ROOT" && mvn -B -q -o -pl starmap-bench -am install -DskipTests >/dev/null 2>&1 \
    || mvn -B -q -pl starmap-bench -am install -DskipTests)
  "$JAVA_HOME/bin/java" -Xmx2g "${STARMAP_JAVA_FLAGS[@]}" -jar "$STARMAP_ROOT/starmap-bench/target/starmap-bench.jar" \
    zipf-parquet --rows "$ROWS" --users "$USERS" --out "$DATA"
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); java $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
for engine in ${ENGINES//,/ }; do
  log="$OUT/relate-$engine-$ROWS.log"
  extra=()
  if [ "$engine" = spark ]; then
    extra=(--engine spark --threads "$(nproc)" --spark-memory "$HEAP")
  fi
  if ! STARMAP_JAVA_OPTS="-Xmx$HEAP" /usr/bin/time -v "$STARMAP_ROOT/bin/starmap" relate "$DATA" \
      --atlas "$OUT/$engine-$ROWS.duckdb" --replace --embed none --quiet "${extra[@]}" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "bench-spark: the $engine run failed; its log is $log" >&2
    exit 1
  fi
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  printf "%-6s %s rows: wall %s, peak RSS %s GiB\n" "$engine" "$ROWS" "$wall" "$(awk -v r="$rss" 'BEGIN { printf "%.1f", r / 1048576 }')"
  grep -E '^  (graph|time|spark:) |starmap-spark: |non-zeros →' "$log" | sed 's/^/    /' || true
done
