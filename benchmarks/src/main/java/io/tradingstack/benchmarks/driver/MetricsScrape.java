package io.tradingstack.benchmarks.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of a service's {@code /actuator/prometheus}: every sample with its labels, so that
 * two readings taken a window apart give the window's counts, sums and histogram buckets.
 */
public final class MetricsScrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {

        boolean matches(String metric, String... labelPairs) {
            if (!name.equals(metric)) {
                return false;
            }
            for (int i = 0; i + 1 < labelPairs.length; i += 2) {
                if (!labelPairs[i + 1].equals(labels.get(labelPairs[i]))) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Sample> samples;
    private final long takenAtNanos;

    private MetricsScrape(List<Sample> samples, long takenAtNanos) {
        this.samples = samples;
        this.takenAtNanos = takenAtNanos;
    }

    /** Parses the Prometheus text format; comment lines are skipped. */
    public static MetricsScrape parse(String text, long takenAtNanos) {
        List<Sample> samples = new ArrayList<>();
        for (String line : (Iterable<String>) text.lines()::iterator) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = SAMPLE.matcher(line);
            if (!matcher.find()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (matcher.group(3) != null) {
                Matcher label = LABEL.matcher(matcher.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(matcher.group(1), labels, parseValue(matcher.group(4))));
        }
        return new MetricsScrape(List.copyOf(samples), takenAtNanos);
    }

    private static double parseValue(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }

    /** {@link System#nanoTime()} when this reading was taken. */
    public long takenAtNanos() {
        return takenAtNanos;
    }

    /** True when any sample of the metric is present. */
    public boolean has(String metric) {
        return samples.stream().anyMatch(sample -> sample.name().equals(metric));
    }

    /** The sum of every sample of {@code metric} whose labels include the given name/value pairs; 0 if none. */
    public double sum(String metric, String... labelPairs) {
        double sum = 0;
        for (Sample sample : samples) {
            if (sample.matches(metric, labelPairs)) {
                sum += sample.value();
            }
        }
        return sum;
    }

    /** The largest sample of {@code metric} with those labels; NaN if none. */
    public double max(String metric, String... labelPairs) {
        double max = Double.NaN;
        for (Sample sample : samples) {
            if (sample.matches(metric, labelPairs) && !(sample.value() <= max)) {
                max = sample.value();
            }
        }
        return max;
    }

    /** Every sample of {@code metric} with those labels. */
    public List<Sample> samples(String metric, String... labelPairs) {
        return samples.stream().filter(sample -> sample.matches(metric, labelPairs)).toList();
    }
}
