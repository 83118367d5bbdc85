#!/usr/bin/env bash
# Copyright 2026 The Starmap Authors
# SPDX-License-Identifier: Apache-2.0
#
# Every test: unit tests (Surefire) and integration tests (Failsafe) of all modules.
# Installs what the tests need (Maven; Fashion-MNIST for the real-data tests; Chromium and ChromeDriver
# for the viewer tests in a real browser) when it is missing. Node.js and npm build the viewer.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl starmap-store.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/env.sh"
find_java25
ensure_maven
ensure_node
ensure_packages dataset-fashion-mnist chromium chromium-driver
cd "$STARMAP_ROOT"
exec mvn -B verify "$@"
