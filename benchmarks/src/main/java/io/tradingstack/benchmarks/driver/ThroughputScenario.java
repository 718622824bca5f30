package io.tradingstack.benchmarks.driver;

import static io.tradingstack.benchmarks.driver.MarkdownTable.count;
import static io.tradingstack.benchmarks.driver.MarkdownTable.ratio;
import static io.tradingstack.benchmarks.driver.MarkdownTable.seconds;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Price ticks into the book: steps the gateway's rate up until a step fails, and reports the
 * highest rate the orderbook sustained for the whole window with no loss and the book's age
 * (book write − the tick's {@code ts}) at p99 within the bound, beside the raw-socket baseline.
 */
final class ThroughputScenario {

    /** One step of the rate. */
    record Step(double targetPerSecond, double sustainedPerSecond, double publishedPerSecond, HistogramWindow bookAge,
            List<String> failures, List<ServiceResources> resources, double allocatedPerTick) {

        boolean passed() {
            return failures.isEmpty();
        }
    }

    private final DriverRun run;
    private final List<Double> rates;
    private final Duration maxAgeP99;

    ThroughputScenario(DriverRun run, List<Double> rates, Duration maxAgeP99) {
        this.run = run;
        this.rates = rates;
        this.maxAgeP99 = maxAgeP99;
    }

    /** Runs the baseline, then the steps; returns the markdown report. */
    String run() throws IOException, InterruptedException {
        run.say("raw-socket baseline: price frames, batched flushes, " + run.window().toSeconds() + " s");
        double baseline = run.baseline().throughput(run.warmup(), run.window(), false);
        run.say(String.format(Locale.ROOT, "baseline: %,.0f frames/s; the same with the codec at both ends", baseline));
        double withCodec = run.baseline().throughput(run.warmup(), run.window(), true);
        run.say(String.format(Locale.ROOT, "baseline with the codec: %,.0f frames/s", withCodec));
        List<Step> steps = new ArrayList<>();
        List<Double> plan = run.attached() ? List.of(Double.NaN) : rates;
        for (double rate : plan) {
            run.say(Double.isNaN(rate) ? "attached stack, at its own rate" : String.format(Locale.ROOT, "step: %,.0f ticks/s", rate));
            Step step = step(rate);
            steps.add(step);
            run.say(step.passed() ? String.format(Locale.ROOT, "  sustained %,.0f ticks/s, book age p99 %s",
                step.sustainedPerSecond(), seconds(step.bookAge().quantileSeconds(0.99)))
                : "  FAILED: " + String.join("; ", step.failures()));
            if (!step.passed()) {
                break;
            }
        }
        return report(baseline, withCodec, steps);
    }

    private Step step(double rate) throws IOException, InterruptedException {
        try (StackUnderTest stack = run.stack(new StackUnderTest.Plan(rate, 0, false, StackUnderTest.Scalpers.ONE));
             SequenceTap prices = SequenceTap.open("price", stack.host(), stack.pricePort());
             BookWatcher book = BookWatcher.start(stack.book(), prices)) {
            List<ServiceJvm> services = stack.services();
            Map<String, MetricsScrape> start = Window.scrapeAll(services);
            List<String> failures = new ArrayList<>();
            String failure = Window.watch(run.warmup(), Window.firstFailure(List.of(prices), book));
            Map<String, MetricsScrape> before = Window.scrapeAll(services);
            Map<String, MetricsScrape> after;
            try (HeapSampler heap = new HeapSampler(services)) {
                if (failure == null) {
                    failure = Window.watch(run.window(), Window.firstFailure(List.of(prices), book));
                }
                after = Window.scrapeAll(services);
                List<ServiceResources> resources = ServiceResources.of(services, before, after, heap);
                if (failure == null) {
                    book.awaitCaughtUp(Duration.ofSeconds(2));
                }
                if (prices.failure() != null) {
                    failures.add(prices.failure());
                }
                if (book.failure() != null) {
                    failures.add(book.failure());
                }
                failures.addAll(LossChecks.violations(start, after));
                if (!failures.isEmpty()) {
                    // data lost fails the run; a rate or an age beyond reach only ends the stepping
                    run.fail((Double.isNaN(rate) ? "attached stack: " : String.format(Locale.ROOT, "at %,.0f ticks/s: ", rate))
                        + String.join("; ", failures));
                }
                MetricsScrape obBefore = before.get("orderbook");
                MetricsScrape obAfter = after.get("orderbook");
                double windowSeconds = (obAfter.takenAtNanos() - obBefore.takenAtNanos()) / 1e9;
                double received = obAfter.metrics().sum("trading_feed_messages_received_total", "feed", "price")
                    - obBefore.metrics().sum("trading_feed_messages_received_total", "feed", "price");
                double published = after.get("gateway").metrics().sum("trading_feed_messages_sent_total", "feed", "price")
                    - before.get("gateway").metrics().sum("trading_feed_messages_sent_total", "feed", "price");
                double sustained = received / windowSeconds;
                double publishedRate = published / windowSeconds;
                if (!Double.isNaN(rate) && publishedRate < 0.95 * rate) {
                    failures.add(String.format(Locale.ROOT, "the gateway published %,.0f ticks/s of the %,.0f asked", publishedRate, rate));
                }
                if (sustained < 0.95 * publishedRate) {
                    failures.add(String.format(Locale.ROOT, "the orderbook took %,.0f ticks/s of the %,.0f published", sustained,
                        publishedRate));
                }
                HistogramWindow age = HistogramWindow.between(obBefore, obAfter, "trading_hop_emit_to_book_seconds");
                double p99 = age.quantileSeconds(0.99);
                if (!(p99 <= maxAgeP99.toNanos() / 1e9)) {
                    failures.add("book age p99 " + seconds(p99) + " > " + seconds(maxAgeP99.toNanos() / 1e9));
                }
                return new Step(rate, sustained, publishedRate, age, failures, resources,
                    ServiceResources.allocatedPerPriceTick(obBefore, obAfter));
            }
        }
    }

    private String report(double baseline, double withCodec, List<Step> steps) {
        MarkdownTable table = new MarkdownTable("price ticks/s asked", "published", "into the book", "× baseline",
            "book age p50", "p99", "p99.9", "max", "result");
        table.row("raw-socket baseline: pre-encoded frames, batched flushes, length-only reads", "–", count(baseline), "1.00×",
            "–", "–", "–", "–", "the floor");
        table.row("raw sockets + the stack's codec (encode each tick, decode each frame)", "–", count(withCodec),
            ratio(withCodec / baseline), "–", "–", "–", "–", "for reference");
        Step best = null;
        for (Step step : steps) {
            HistogramWindow age = step.bookAge();
            table.row(Double.isNaN(step.targetPerSecond()) ? "(attached)" : count(step.targetPerSecond()),
                count(step.publishedPerSecond()), count(step.sustainedPerSecond()), ratio(step.sustainedPerSecond() / baseline),
                seconds(age.quantileSeconds(0.5)), seconds(age.quantileSeconds(0.99)), seconds(age.quantileSeconds(0.999)),
                seconds(age.maxSeconds()), step.passed() ? "no loss, age within bound" : "**failed**: " + String.join("; ", step.failures()));
            if (step.passed()) {
                best = step;
            }
        }
        Step shown = best != null ? best : steps.get(steps.size() - 1);
        StringBuilder out = new StringBuilder();
        out.append("### Throughput: price ticks into the book\n\n").append(run.header()).append('\n').append(table).append('\n');
        if (best == null) {
            out.append("No step was sustained with no loss and book age p99 ≤ ").append(seconds(maxAgeP99.toNanos() / 1e9)).append(".\n\n");
        } else {
            out.append(String.format(Locale.ROOT, "Highest rate sustained for %d s with no loss and book age p99 ≤ %s: "
                    + "**%,.0f ticks/s**, %s the raw-socket baseline (targets: ≥ 250,000 ticks/s and ≥ 0.50×).%n%n",
                run.window().toSeconds(), seconds(maxAgeP99.toNanos() / 1e9), best.sustainedPerSecond(),
                ratio(best.sustainedPerSecond() / baseline)));
        }
        out.append(String.format(Locale.ROOT, "Resources at %s:%n%n", best != null ? "that step" : "the failed step"));
        out.append(ResourcesTable.of(shown.resources(), "orderbook", shown.allocatedPerTick()));
        return out.toString();
    }
}
