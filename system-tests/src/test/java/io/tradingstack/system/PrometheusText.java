package io.tradingstack.system;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of the Prometheus text format that {@code /actuator/prometheus} serves. */
final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

    private final String text;

    PrometheusText(String text) {
        this.text = text;
    }

    /** True when any sample of the metric is present. */
    boolean has(String metric) {
        return text.lines().anyMatch(line -> metric.equals(name(line)));
    }

    /** The sum of every sample of {@code metric} whose labels contain all of {@code labels} ("k=\"v\"" each). */
    double sum(String metric, String... labels) {
        double sum = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            Matcher matcher = SAMPLE.matcher(line);
            if (!line.startsWith("#") && matcher.find() && metric.equals(matcher.group(1)) && hasLabels(matcher.group(2), labels)) {
                sum += Double.parseDouble(matcher.group(3));
            }
        }
        return sum;
    }

    private static boolean hasLabels(String block, String... labels) {
        for (String label : labels) {
            if (block == null || !block.contains(label)) {
                return false;
            }
        }
        return true;
    }

    private static String name(String line) {
        if (line.startsWith("#")) {
            return null;
        }
        Matcher matcher = SAMPLE.matcher(line);
        return matcher.find() ? matcher.group(1) : null;
    }

    @Override
    public String toString() {
        return text;
    }
}
