package io.tradingstack.benchmarks.driver;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A measured window: readings of every service at its start and end, with the sequence checks
 * watched throughout, so that a run that lost data stops at once and says where.
 */
final class Window {

    private Window() {
    }

    /** A reading of every service's {@code /actuator/prometheus}, by service name. */
    static Map<String, MetricsScrape> scrapeAll(List<ServiceJvm> services) throws IOException, InterruptedException {
        Map<String, MetricsScrape> scrapes = new LinkedHashMap<>();
        for (ServiceJvm service : services) {
            scrapes.put(service.name(), service.scrape());
        }
        return scrapes;
    }

    /**
     * Waits {@code duration}, checking once a second that no failure was reported.
     *
     * @return the first failure, or null when the whole duration passed without one
     */
    static String watch(Duration duration, Supplier<String> failures) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (true) {
            String failure = failures.get();
            if (failure != null) {
                return failure;
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Thread.sleep(Math.min(1_000, Math.max(1, left / 1_000_000)));
        }
    }

    /** The first non-null of the taps' and the book's failures. */
    static Supplier<String> firstFailure(List<SequenceTap> taps, BookWatcher book) {
        return () -> {
            for (SequenceTap tap : taps) {
                if (tap.failure() != null) {
                    return tap.failure();
                }
            }
            return book.failure();
        };
    }
}
