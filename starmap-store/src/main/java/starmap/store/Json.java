/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON for the parameter, timing and metric maps stored beside layouts and graphs. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> readObject(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read JSON: " + e.getMessage(), e);
        }
    }

    /** Stage timings as milliseconds with microsecond precision. */
    static String writeTimings(Map<String, Duration> timings) {
        Map<String, Double> ms = new LinkedHashMap<>();
        timings.forEach((k, v) -> ms.put(k, v.toNanos() / 1e6));
        return write(ms);
    }

    static Map<String, Duration> readTimings(String json) {
        Map<String, Duration> out = new LinkedHashMap<>();
        readObject(json).forEach((k, v) -> out.put(k, Duration.ofNanos(Math.round(((Number) v).doubleValue() * 1e6))));
        return out;
    }

    static Map<String, Double> readMetrics(String json) {
        Map<String, Double> out = new LinkedHashMap<>();
        readObject(json).forEach((k, v) -> out.put(k, ((Number) v).doubleValue()));
        return out;
    }
}
