/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The append-only annotation log: who did what to which points, when. Entries are never updated or
 * removed; the current state of every point (label, tags, deleted flag) is the log replayed in
 * order, which the atlas computes in its {@code annotation_state} view.
 */
package starmap.store.annotations;
