# Copyright 2026 The Starmap Authors
# SPDX-License-Identifier: Apache-2.0
#
# Sourced by bin/starmap and scripts/*.sh: finds a JDK 25 and installs the Debian packages a step needs.

STARMAP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export STARMAP_ROOT

# JVM flags Starmap needs on JDK 25 (see docs/modules.md): FFM and Arrow's memory access, DuckDB's native code,
# and the incubating Vector API for the SIMD kernels (the JVM prints one warning about it).
STARMAP_JAVA_FLAGS=(--enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --sun-misc-unsafe-memory-access=allow --add-modules=jdk.incubator.vector)

java_feature() { # prints the feature release of a java binary, e.g. 25
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

# Sets JAVA_HOME to a JDK 25 or newer: $JAVA_HOME, then the usual install places, then java on PATH.
find_java25() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/java-25-openjdk* /usr/lib/jvm/jdk-25*)
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(java_feature "$c/bin/java")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$c"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "starmap: needs a JDK 25 or newer; set JAVA_HOME to one (looked in: ${candidates[*]})" >&2
  return 1
}

# Installs the Debian packages given when they are missing (as root, or through sudo).
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "starmap: please install: ${missing[*]} (apt-get install ${missing[*]})" >&2
      return 1
    fi
  fi
  echo "starmap: installing ${missing[*]}" >&2
  $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq "${missing[@]}" >&2
}

# Makes sure Node.js and npm are there (they build the viewer).
ensure_node() {
  command -v npm >/dev/null 2>&1 || ensure_packages nodejs npm
}

# Makes sure Maven is there.
ensure_maven() {
  command -v mvn >/dev/null 2>&1 || ensure_packages maven
}

# Builds the command-line jar when it is missing or older than any source file or POM.
ensure_built() {
  local jar="$STARMAP_ROOT/starmap-cli/target/starmap.jar"
  if [ ! -f "$jar" ] \
      || [ -n "$(find "$STARMAP_ROOT" \( -name node_modules -o -name target -o -name .git -o -name demo \
                  -o -name bench-data \) -prune -o -type f \( -path '*/src/main/*' -o -path '*/starmap-viewer/src/*' \
                  -o -name pom.xml -o -name package.json -o -name index.html \) -newer "$jar" -print -quit)" ]; then
    ensure_maven
    ensure_node
    echo "starmap: building (mvn install -DskipTests)…" >&2
    local log
    log=$(mktemp)
    if ! (cd "$STARMAP_ROOT" && mvn -B -q -DskipTests install) >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      echo "starmap: the build failed" >&2
      return 1
    fi
    rm -f "$log"
    touch "$jar"   # the jar plugin leaves an up-to-date jar untouched
  fi
}
