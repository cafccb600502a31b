package io.outpost.webconsole.plugins;

import org.owasp.encoder.Encode;

/** Small pieces of the pages' HTML; every value from a service or a file goes through {@link #text}. */
final class Html {

    private Html() {
    }

    static String text(Object value) {
        return Encode.forHtml(String.valueOf(value));
    }

    static String notInstalled(String what) {
        return "<p class='outpost-not-installed ui-state-highlight' style='padding:.5em'>" + text(what) + ": not installed</p>";
    }

    static String row(Object... cells) {
        StringBuilder b = new StringBuilder("<tr>");
        for (Object c : cells) {
            b.append("<td>").append(text(c)).append("</td>");
        }
        return b.append("</tr>").toString();
    }

    static String header(String... cells) {
        StringBuilder b = new StringBuilder("<thead><tr>");
        for (String c : cells) {
            b.append("<th>").append(text(c)).append("</th>");
        }
        return b.append("</tr></thead>").toString();
    }

    /** A horizontal bar chart drawn as inline SVG: one bar per label, scaled to the largest value. */
    static String bars(String id, String[] labels, long[] values) {
        long max = 1;
        for (long v : values) {
            max = Math.max(max, v);
        }
        int rowHeight = 22;
        StringBuilder b = new StringBuilder("<svg id='" + text(id) + "' class='outpost-bars' width='520' height='"
            + (labels.length * rowHeight + 4) + "' role='img'>");
        for (int i = 0; i < labels.length; i++) {
            int y = i * rowHeight + 2;
            long width = Math.round(300.0 * values[i] / max);
            b.append("<text x='0' y='").append(y + 15).append("' font-size='12'>").append(text(labels[i])).append("</text>");
            b.append("<rect x='150' y='").append(y + 3).append("' width='").append(width).append("' height='15' fill='#4a7ab5'/>");
            b.append("<text x='").append(155 + width).append("' y='").append(y + 15).append("' font-size='12'>")
                .append(values[i]).append("</text>");
        }
        return b.append("</svg>").toString();
    }
}
