package dev.eventqueue.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code headers} column: a JSON object of strings, or SQL NULL for none. */
final class HeaderColumn {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

    private HeaderColumn() {}

    static String write(Map<String, String> headers) {
        return headers.isEmpty() ? null : JSON.writeValueAsString(headers);
    }

    /** The headers of a row; unreadable text reads as none, so it can never stop a claim. */
    static Map<String, String> read(String text) {
        if (text == null || text.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(text, MAP);
        } catch (JacksonException e) {
            return Map.of();
        }
    }
}
