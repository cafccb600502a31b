package io.outpost.hq.cli;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned text columns. */
final class Columns {

    private final List<String[]> rows = new ArrayList<>();
    private final int width;

    Columns(String... header) {
        width = header.length;
        rows.add(header);
    }

    void row(Object... cells) {
        String[] r = new String[width];
        for (int i = 0; i < width; i++) {
            r[i] = i < cells.length && cells[i] != null ? String.valueOf(cells[i]) : "-";
        }
        rows.add(r);
    }

    @Override
    public String toString() {
        int[] w = new int[width];
        for (String[] r : rows) {
            for (int i = 0; i < width; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < width; i++) {
                line.append(i == width - 1 ? r[i] : String.format("%-" + (w[i] + 2) + "s", r[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
