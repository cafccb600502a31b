package io.outpost.request.conf;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.outpost.json.JsonText;

/**
 * The JSON form of an update, in the shape of Kura's CONF-V2:
 * <pre>{"configs": [{"pid": "io.outpost.filter", "properties": {
 *     "holdMessages": {"type": "INTEGER", "value": 500},
 *     "defaultAction": "drop-all"}}]}</pre>
 * A property is {@code {"type", "value"}} (value a scalar or an array) or a bare scalar or array, whose type is
 * then taken from JSON (integral numbers LONG, other numbers DOUBLE, booleans BOOLEAN, text STRING) and checked
 * against the metatype definition like any other.
 */
final class ConfigurationsJson {

    private ConfigurationsJson() {
    }

    static List<ConfigurationUpdate> read(byte[] body) throws ConfigurationRefused {
        Object root;
        try {
            root = JsonText.parse(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            throw new ConfigurationRefused("body is not UTF-8");
        } catch (IllegalArgumentException e) {
            throw new ConfigurationRefused("body is not JSON: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("configs") instanceof List<?> configs)) {
            throw new ConfigurationRefused("body: a JSON update is {\"configs\": [{\"pid\", \"properties\"}]}");
        }
        List<ConfigurationUpdate> out = new ArrayList<>();
        for (Object c : configs) {
            if (!(c instanceof Map<?, ?> config) || !(config.get("pid") instanceof String pid) || pid.isBlank()) {
                throw new ConfigurationRefused("body: each entry of 'configs' needs a 'pid' string");
            }
            Object props = config.get("properties");
            if (props == null) {
                props = Map.of();
            }
            if (!(props instanceof Map<?, ?> properties)) {
                throw new ConfigurationRefused("pid '" + pid + "': 'properties' is not an object");
            }
            List<Property> list = new ArrayList<>();
            for (Map.Entry<?, ?> e : properties.entrySet()) {
                list.add(property(pid, (String) e.getKey(), e.getValue()));
            }
            out.add(new ConfigurationUpdate(pid.trim(), list));
        }
        return out;
    }

    private static Property property(String pid, String name, Object json) throws ConfigurationRefused {
        String where = "pid '" + pid + "' attribute '" + name + "'";
        Optional<PropertyType> declared = Optional.empty();
        Object value = json;
        if (json instanceof Map<?, ?> typed) {
            if (!(typed.get("type") instanceof String typeName)) {
                throw new ConfigurationRefused(where + ": an object value needs 'type' and 'value'");
            }
            declared = PropertyType.ofName(typeName);
            if (declared.isEmpty()) {
                throw new ConfigurationRefused(where + ": unknown type '" + PropertyType.shorten(typeName) + "'");
            }
            value = typed.get("value");
        }
        boolean array = value instanceof List<?>;
        List<?> items = array ? (List<?>) value : List.of(value == null ? JsonText.NULL : value);
        List<String> texts = new ArrayList<>();
        PropertyType inferred = PropertyType.STRING;
        for (Object item : items) {
            if (item == JsonText.NULL || item instanceof Map<?, ?> || item instanceof List<?>) {
                throw new ConfigurationRefused(where + ": values must be text, numbers or booleans");
            }
            inferred = item instanceof Long ? PropertyType.LONG : item instanceof Double ? PropertyType.DOUBLE
                : item instanceof Boolean ? PropertyType.BOOLEAN : PropertyType.STRING;
            texts.add(String.valueOf(item));
        }
        return new Property(name, declared.orElse(inferred), array, texts);
    }
}
