/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** The HTTP server behind {@code starmap serve}: the JSON/binary API over atlases and the viewer's files. */
package starmap.server;
