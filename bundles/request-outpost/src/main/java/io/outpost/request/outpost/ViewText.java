package io.outpost.request.outpost;

import java.util.List;
import java.util.Map;

/** A view map as indented {@code key: value} lines for the shell; nested maps indent, lists join with commas. */
final class ViewText {

    private ViewText() {
    }

    static String of(Map<String, Object> view) {
        StringBuilder out = new StringBuilder();
        write(out, view, "");
        return out.toString();
    }

    private static void write(StringBuilder out, Map<?, ?> map, String indent) {
        map.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            if (value instanceof Map<?, ?> nested) {
                out.append(indent).append(key).append(":\n");
                write(out, nested, indent + "  ");
            } else if (value instanceof List<?> list) {
                out.append(indent).append(key).append(": ").append(String.join(", ", list.stream().map(String::valueOf).toList())).append('\n');
            } else {
                out.append(indent).append(key).append(": ").append(value).append('\n');
            }
        });
    }
}
