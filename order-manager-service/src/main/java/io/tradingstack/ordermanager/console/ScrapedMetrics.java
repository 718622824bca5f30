package io.tradingstack.ordermanager.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code trading_*} samples of one {@code /actuator/prometheus} answer (text format 0.0.4):
 * name, labels and value per line. Only the stack's own metrics are kept; JVM and Spring series
 * are skipped, so a scrape of a few hundred kilobytes leaves a few hundred samples.
 */
final class ScrapedMetrics {

    /** One line: {@code name{label="value",...} value}. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final String PREFIX = "trading_";

    private final List<Sample> samples;

    private ScrapedMetrics(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    static ScrapedMetrics none() {
        return new ScrapedMetrics(List.of());
    }

    static ScrapedMetrics parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (text.startsWith(PREFIX, start)) {
                Sample sample = parseLine(text.substring(start, end));
                if (sample != null) {
                    samples.add(sample);
                }
            }
            start = end + 1;
        }
        return new ScrapedMetrics(samples);
    }

    /** Null for a line that is not a sample (a malformed line is skipped, not fatal: the page shows the rest). */
    private static Sample parseLine(String line) {
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        if (space < 0) {
            return null;
        }
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int close = line.lastIndexOf('}');
            if (close < brace) {
                return null;
            }
            parseLabels(line.substring(brace + 1, close), labels);
        } else {
            name = line.substring(0, line.indexOf(' '));
        }
        try {
            return new Sample(name, labels, parseValue(line.substring(space + 1).trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void parseLabels(String text, Map<String, String> into) {
        int at = 0;
        while (at < text.length()) {
            int equals = text.indexOf("=\"", at);
            if (equals < 0) {
                return;
            }
            StringBuilder value = new StringBuilder();
            int i = equals + 2;
            for (; i < text.length() && text.charAt(i) != '"'; i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    c = text.charAt(++i);
                    value.append(c == 'n' ? '\n' : c);
                } else {
                    value.append(c);
                }
            }
            into.put(text.substring(at, equals).trim(), value.toString());
            at = i + 1;
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
            }
        }
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** Every sample of one series name (with its suffix: {@code trading_book_age_seconds}). */
    List<Sample> named(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }

    /**
     * The cumulative histogram of a timer, its series summed per bucket bound; null when the
     * service publishes no such timer.
     *
     * @param baseName the Prometheus name without suffix, e.g. {@code trading_hop_emit_to_book_seconds}
     */
    CumulativeBuckets histogram(String baseName) {
        Map<Double, Double> byBound = new TreeMap<>();
        for (Sample sample : named(baseName + "_bucket")) {
            String le = sample.labels().get("le");
            if (le != null) {
                byBound.merge(parseValue(le), sample.value(), Double::sum);
            }
        }
        if (byBound.isEmpty()) {
            return null;
        }
        double[] bounds = new double[byBound.size()];
        long[] counts = new long[byBound.size()];
        int i = 0;
        for (Map.Entry<Double, Double> bucket : byBound.entrySet()) {
            bounds[i] = bucket.getKey();
            counts[i++] = Math.round(bucket.getValue());
        }
        return new CumulativeBuckets(bounds, counts);
    }
}
