/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.relations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import starmap.core.InvalidInputException;
import starmap.core.relations.CooccurrenceParams;
import starmap.core.relations.RelationGraph;
import starmap.core.relations.Transform;
import starmap.store.ColumnType;

/**
 * The manifest ({@value #FILE}) of a precomputed relation graph, read and checked as a whole before
 * any data is: every field the import needs must be there with the right type.
 *
 * @param idType         the type of the item ids
 * @param itemColumn     the item column of the source the job read
 * @param points         rows of the graph
 * @param graph          the sparsifier's report (its k and transform are the graph's)
 * @param rows           rows the job read
 * @param items          distinct items it read
 * @param belowMinCount  items dropped by --min-count
 * @param beyondMaxItems items dropped by --max-items
 * @param droppedRows    rows dropped with those items
 * @param singletons     collections left with one row
 * @param nonZeros       non-zeros of the similarity matrix
 * @param warnings       the job's notes; none when absent
 * @param timings        the job's stages; none when absent
 * @param parameters     the graph's stored parameters: the job's source, filters, pair weighting,
 *                       sparsification, engine and master
 */
record GraphManifest(ColumnType idType, String itemColumn, int points, RelationGraph.Report graph, long rows,
        long items, long belowMinCount, long beyondMaxItems, long droppedRows, long singletons, long nonZeros,
        List<String> warnings, Map<String, Duration> timings, Map<String, Object> parameters) {
    /** The manifest's file name. */
    static final String FILE = "_starmap.json";
    /** Its {@code format}. */
    static final String FORMAT = "starmap-relations-graph";
    private static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static GraphManifest read(Path file) {
        JsonNode json;
        try {
            json = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw InvalidInputException.in(file.toString()).cause(e).problem("is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw InvalidInputException.in(file.toString()).cause(e).problem("cannot be read: " + e.getMessage());
        }
        Fields m = new Fields(file, "", json);
        if (json == null || !json.isObject()) {
            throw m.problem("is not a JSON object");
        }
        if (!FORMAT.equals(json.path("format").textValue())) {
            throw m.problem("\"format\" is " + json.get("format") + ", expected \"" + FORMAT + "\" (the output of the "
                    + "Spark relations job)");
        }
        if (!json.path("version").isInt() || json.get("version").intValue() != VERSION) {
            throw m.problem("\"version\" is " + json.get("version") + ", expected " + VERSION + " (the layout version this "
                    + "Starmap reads)");
        }
        if (!"collections".equals(json.path("kind").textValue())) {
            throw m.problem("\"kind\" is " + json.get("kind") + "; only graphs of collections can be imported");
        }
        String idType = m.text("id_type");
        if (!idType.equals("BIGINT") && !idType.equals("VARCHAR")) {
            throw m.problem("\"id_type\" is \"" + idType + "\", expected \"BIGINT\" or \"VARCHAR\"");
        }
        int k = m.integer("k");
        int points = m.integer("points");
        if (k < 1 || points <= k) {
            throw m.problem("needs k >= 1 and more points than k; it has k = " + k + " and points = " + points);
        }
        Fields g = m.object("graph");
        RelationGraph.Report graph = new RelationGraph.Report(k, m.transform(), g.integer("items_direct"),
                g.integer("items_filled_in"), g.integer("items_isolated_left_out"),
                g.integer("items_small_component_left_out"), g.integer("components"));
        if (graph.direct() + graph.filled() != points) {
            throw m.problem("\"graph\" has " + graph.direct() + " items direct and " + graph.filled() + " filled in, but "
                    + "points = " + points);
        }
        long rows = m.number("rows");
        long nonZeros = m.number("non_zeros");
        Map<String, Object> parameters = RelationsImporter.graphParameters(m.text("source"), false,
                m.integer("min_count"), m.integer("max_items"), m.cooccurrence(), rows, nonZeros, graph);
        parameters.put("engine", m.text("engine"));
        parameters.put("master", m.text("master"));
        return new GraphManifest(ColumnType.valueOf(idType), m.text("item_column"), points, graph, rows,
                m.number("items"), m.number("below_min_count"), m.number("beyond_max_items"), m.number("dropped_rows"),
                m.number("singletons"), nonZeros, m.warnings(), m.timings(), parameters);
    }

    /** The fields of the manifest or of one of its objects ({@code prefix} names it), each checked as it is read. */
    private record Fields(Path file, String prefix, JsonNode json) {

        InvalidInputException problem(String problem) {
            return InvalidInputException.in(file.toString()).problem(problem);
        }

        private JsonNode field(String name, boolean ok, String expected) {
            JsonNode v = json.get(name);
            if (v == null || !ok) {
                throw problem("\"" + prefix + name + "\" is " + (v == null ? "missing" : v) + ", expected " + expected);
            }
            return v;
        }

        String text(String name) {
            return field(name, json.path(name).isTextual(), "a string").textValue();
        }

        long number(String name) {
            JsonNode v = json.path(name);
            return field(name, v.canConvertToExactIntegral() && v.canConvertToLong() && v.longValue() >= 0,
                    "a whole number >= 0").longValue();
        }

        int integer(String name) {
            JsonNode v = json.path(name);
            return field(name, v.canConvertToExactIntegral() && v.canConvertToInt() && v.intValue() >= 0,
                    "a whole number >= 0 below 2^31").intValue();
        }

        double real(String name) {
            return field(name, json.path(name).isNumber(), "a number").doubleValue();
        }

        Fields object(String name) {
            return new Fields(file, prefix + name + ".", field(name, json.path(name).isObject(), "an object"));
        }

        Transform transform() {
            String name = text("transform");
            try {
                return Transform.parse(name);
            } catch (InvalidInputException e) {
                throw problem("\"transform\": " + e.problem());
            }
        }

        CooccurrenceParams cooccurrence() {
            double attributeScale = real("attribute_scale");
            double timeScale = real("time_scale");
            int maxCollection = integer("max_collection");
            long seed = field("seed", json.path("seed").canConvertToExactIntegral(), "a whole number").longValue();
            try {
                return new CooccurrenceParams(attributeScale, timeScale, maxCollection, seed);
            } catch (InvalidInputException e) {
                throw problem(e.getMessage());
            }
        }

        List<String> warnings() {
            List<String> out = new ArrayList<>();
            if (json.has("warnings")) {
                for (JsonNode w : field("warnings", json.get("warnings").isArray(), "an array of strings")) {
                    out.add(w.asText());
                }
            }
            return out;
        }

        /** {@code timings_s} in seconds, as durations. */
        Map<String, Duration> timings() {
            Map<String, Duration> out = new LinkedHashMap<>();
            if (json.has("timings_s")) {
                Fields t = object("timings_s");
                t.json().fieldNames().forEachRemaining(stage -> out.put(stage,
                        Duration.ofNanos(Math.round(t.real(stage) * 1e9))));
            }
            return out;
        }
    }
}
