package io.tradingstack.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One reading of a service's {@code /actuator/prometheus} (the text format, version 0.0.4): every
 * sample with its name, labels and value. The web console, the end-to-end driver and the tests
 * read the services' metrics through it, as Prometheus would, so that all of them agree on what a
 * scrape says.
 *
 * <p>Comment and blank lines are skipped. A line that is not a sample (a torn answer, a value that
 * is no number) is skipped too rather than failing the reading: a reader shows or checks the rest,
 * and a metric it needs and does not find is its own error to report.
 */
public final class PrometheusScrape {

    /**
     * One sample line: {@code name{label="value",...} value [timestamp]}.
     *
     * @param labels in the order of the line, unescaped ({@code \\}, {@code \"}, {@code \n})
     */
    public record Sample(String name, Map<String, String> labels, double value) {

        public Sample {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        /** True for a sample of {@code metric} whose labels include every name/value pair given. */
        public boolean matches(String metric, String... labelPairs) {
            if (labelPairs.length % 2 != 0) {
                throw new IllegalArgumentException("label pairs come as name, value: " + List.of(labelPairs));
            }
            if (!name.equals(metric)) {
                return false;
            }
            for (int i = 0; i < labelPairs.length; i += 2) {
                if (!labelPairs[i + 1].equals(labels.get(labelPairs[i]))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final PrometheusScrape EMPTY = new PrometheusScrape(List.of());

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /** A reading with no sample, for a service that could not be read. */
    public static PrometheusScrape empty() {
        return EMPTY;
    }

    /** Every sample of {@code text}. */
    public static PrometheusScrape parse(String text) {
        return parse(text, "");
    }

    /**
     * The samples of {@code text} whose name starts with {@code namePrefix}: the console keeps
     * only {@code trading_}, so a scrape of a few hundred kilobytes leaves a few hundred samples.
     */
    public static PrometheusScrape parse(String text, String namePrefix) {
        List<Sample> samples = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (text.startsWith(namePrefix, start) && end > start && text.charAt(start) != '#') {
                Sample sample = SampleLine.parse(text.substring(start, end));
                if (sample != null) {
                    samples.add(sample);
                }
            }
            start = end + 1;
        }
        return new PrometheusScrape(samples);
    }

    /** True when any sample of {@code metric} is present. */
    public boolean has(String metric) {
        return samples.stream().anyMatch(sample -> sample.name().equals(metric));
    }

    /** Every sample of {@code metric} whose labels include the given name/value pairs, in the scrape's order. */
    public List<Sample> samples(String metric, String... labelPairs) {
        return samples.stream().filter(sample -> sample.matches(metric, labelPairs)).toList();
    }

    /** The sum of those samples; 0 when there are none. */
    public double sum(String metric, String... labelPairs) {
        double sum = 0;
        for (Sample sample : samples(metric, labelPairs)) {
            sum += sample.value();
        }
        return sum;
    }

    /** The largest of those samples; NaN when there are none. */
    public double max(String metric, String... labelPairs) {
        double max = Double.NaN;
        for (Sample sample : samples(metric, labelPairs)) {
            if (!(sample.value() <= max)) {
                max = sample.value();
            }
        }
        return max;
    }

    /**
     * The histogram {@code baseName} (the Prometheus name without {@code _bucket}, for a timer
     * {@code trading_tick_to_trade_seconds}): its {@code _bucket} series with those labels, summed
     * per bound; null when the scrape has none.
     *
     * @throws IllegalArgumentException when a bucket has no {@code le} label or one that is no number
     */
    public CumulativeHistogram histogram(String baseName, String... labelPairs) {
        Map<Double, Long> byBound = new TreeMap<>();
        for (Sample bucket : samples(baseName + "_bucket", labelPairs)) {
            String le = bucket.labels().get("le");
            if (le == null) {
                throw new IllegalArgumentException("a bucket of " + baseName + " without an le label: " + bucket);
            }
            byBound.merge(SampleLine.number(le), Math.round(bucket.value()), Long::sum);
        }
        if (byBound.isEmpty()) {
            return null;
        }
        double[] bounds = new double[byBound.size()];
        long[] counts = new long[byBound.size()];
        int i = 0;
        for (Map.Entry<Double, Long> bucket : byBound.entrySet()) {
            bounds[i] = bucket.getKey();
            counts[i++] = bucket.getValue();
        }
        return new CumulativeHistogram(bounds, counts);
    }

    /** One line of the text format, read character by character: label values may hold braces, commas and escaped quotes. */
    private static final class SampleLine {

        private final String line;
        private int at;

        private SampleLine(String line) {
            this.line = line;
        }

        /** The sample on {@code line}, or null when it holds none. */
        static Sample parse(String line) {
            try {
                return new SampleLine(line).sample();
            } catch (IllegalArgumentException e) { // NumberFormatException too
                return null;
            }
        }

        static double number(String text) {
            return switch (text) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(text);
            };
        }

        private Sample sample() {
            String name = name();
            Map<String, String> labels = new LinkedHashMap<>();
            if (at < line.length() && line.charAt(at) == '{') {
                at++;
                labels(labels);
            }
            int afterLabels = at;
            int valueStart = skipBlanks();
            if (valueStart == afterLabels) {
                throw new IllegalArgumentException("no blank before the value");
            }
            int valueEnd = valueStart;
            while (valueEnd < line.length() && !Character.isWhitespace(line.charAt(valueEnd))) {
                valueEnd++;
            }
            if (valueEnd == valueStart) {
                throw new IllegalArgumentException("no value");
            }
            return new Sample(name, labels, number(line.substring(valueStart, valueEnd)));
        }

        private String name() {
            int start = at;
            while (at < line.length() && isNameChar(line.charAt(at), at == start)) {
                at++;
            }
            if (at == start) {
                throw new IllegalArgumentException("no metric name");
            }
            return line.substring(start, at);
        }

        private void labels(Map<String, String> into) {
            while (true) {
                skipBlanks();
                if (at < line.length() && line.charAt(at) == '}') {
                    at++;
                    return;
                }
                String label = name();
                if (!line.startsWith("=\"", at)) {
                    throw new IllegalArgumentException("label " + label + " without =\"");
                }
                at += 2;
                StringBuilder value = new StringBuilder();
                while (true) {
                    if (at >= line.length()) {
                        throw new IllegalArgumentException("unterminated value of label " + label);
                    }
                    char c = line.charAt(at++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\' && at < line.length()) {
                        char escaped = line.charAt(at++);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                into.put(label, value.toString());
                skipBlanks();
                if (at < line.length() && line.charAt(at) == ',') {
                    at++;
                }
            }
        }

        /** Moves past blanks; returns the position after them. */
        private int skipBlanks() {
            while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
                at++;
            }
            return at;
        }

        private static boolean isNameChar(char c, boolean first) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || !first && c >= '0' && c <= '9';
        }
    }
}
