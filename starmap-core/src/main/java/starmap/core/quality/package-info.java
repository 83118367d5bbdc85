/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * How faithful a layout is to its data: KL(P ‖ Q), kNN preservation, trustworthiness (Venna &amp; Kaski
 * 2001), label kNN accuracy, and the precision/recall curve of k-nearest neighbourhoods used by van de
 * Ruit, Billeter &amp; Eisemann 2022. Neighbourhood metrics are computed on a seeded sample of points
 * against all points, so they cost O(sample · n · d), and are exact when the sample is all points.
 */
package starmap.core.quality;
