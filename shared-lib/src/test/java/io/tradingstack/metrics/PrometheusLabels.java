package io.tradingstack.metrics;

import java.util.List;

/**
 * Checks a label that every sample of a scrape must carry, such as the {@code application} tag
 * each service sets ({@code management.metrics.tags.application}). Shared with the services'
 * tests through shared-lib's test jar.
 */
public final class PrometheusLabels {

    private PrometheusLabels() {
    }

    /**
     * The sample lines of a Prometheus text scrape (comments and blank lines left out) that do not
     * carry {@code name="value"}; empty when every sample does.
     */
    public static List<String> samplesWithout(String scrape, String name, String value) {
        String label = name + "=\"" + value + "\"";
        return scrape.lines()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .filter(line -> !labelBlock(line).contains(label))
            .toList();
    }

    /** What is between the braces of a sample line; empty when it has no labels. */
    private static String labelBlock(String line) {
        int open = line.indexOf('{');
        int space = line.indexOf(' ');
        if (open < 0 || (space >= 0 && space < open)) {
            return "";
        }
        // Label values may hold '}' only escaped inside quotes, and our tags hold none: the last '}' ends the block.
        int close = line.lastIndexOf('}');
        return close > open ? "," + line.substring(open + 1, close) : "";
    }
}
