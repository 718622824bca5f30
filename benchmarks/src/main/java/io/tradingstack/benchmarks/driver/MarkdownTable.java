package io.tradingstack.benchmarks.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A markdown table, and the number formats every table of the driver uses. */
final class MarkdownTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(String... header) {
        this.header = List.of(header);
    }

    MarkdownTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append("---|".repeat(header.size())).append("\n");
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    /** A latency given in seconds, in the unit that reads best: µs below 1 ms, ms below 1 s. */
    static String seconds(double seconds) {
        if (Double.isNaN(seconds)) {
            return "–";
        }
        if (seconds < 1e-3) {
            return String.format(Locale.ROOT, seconds < 1e-5 ? "%.1f µs" : "%.0f µs", seconds * 1e6);
        }
        if (seconds < 1) {
            return String.format(Locale.ROOT, seconds < 1e-2 ? "%.2f ms" : "%.1f ms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    static String nanos(long nanos) {
        return seconds(nanos / 1e9);
    }

    static String count(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.0f", value);
    }

    /** A ratio with two decimals, or three significant digits below 0.01 (so that a small one is not shown as 0). */
    static String ratio(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        return value >= 0.01 || value == 0 ? String.format(Locale.ROOT, "%.2f×", value)
            : new java.math.BigDecimal(value).round(new java.math.MathContext(3)).toPlainString() + "×";
    }

    static String decimal(double value, int places) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + places + "f", value);
    }
}
