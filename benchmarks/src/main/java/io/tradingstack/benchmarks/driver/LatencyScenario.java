package io.tradingstack.benchmarks.driver;

import static io.tradingstack.benchmarks.driver.MarkdownTable.count;
import static io.tradingstack.benchmarks.driver.MarkdownTable.nanos;
import static io.tradingstack.benchmarks.driver.MarkdownTable.ratio;
import static io.tradingstack.benchmarks.driver.MarkdownTable.seconds;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tradingstack.clock.SystemEpochNanoClock;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tick-to-trade under load: prices and news at fixed rates, a strategy that orders on every
 * news tick, and the order manager deciding each order. Reports tick-to-trade from the order
 * manager's histogram and from the driver's own HdrHistogram of every order of the window
 * (execution {@code ts} − {@code originTs}, corrected for coordinated omission at the news
 * interval), each hop's percentiles, the resources of every service, and the raw-socket
 * baseline of the same path (news → strategy → order manager) measured in the same run.
 */
final class LatencyScenario {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The original Python assignment's average tick-to-trade, the project's starting point. */
    private static final double ASSIGNMENT_MEAN_SECONDS = 3.2e-3;

    private final DriverRun run;
    private final double pricesPerSecond;
    private final double newsPerSecond;

    private final StackUnderTest.Scalpers scalpers;

    LatencyScenario(DriverRun run, double pricesPerSecond, double newsPerSecond, StackUnderTest.Scalpers scalpers) {
        this.run = run;
        this.pricesPerSecond = pricesPerSecond;
        this.newsPerSecond = newsPerSecond;
        this.scalpers = scalpers;
    }

    private static String describe(StackUnderTest.Scalpers scalpers) {
        return scalpers == StackUnderTest.Scalpers.ONE ? "one scalper for every symbol (one order connection)"
            : "a scalper per symbol (" + StackUnderTest.SYMBOLS.size() + " order connections)";
    }

    String run() throws IOException, InterruptedException {
        run.say(String.format(Locale.ROOT, "stack: %,.0f prices/s, %,.0f news/s, %s ordering on every news tick",
            pricesPerSecond, newsPerSecond, describe(scalpers)));
        List<String> failures = new ArrayList<>();
        Map<String, MetricsScrape> before;
        Map<String, MetricsScrape> after;
        List<ServiceResources> resources;
        Histogram own = new Histogram(3_600_000_000_000L, 3);
        Histogram uncorrected = new Histogram(3_600_000_000_000L, 3);
        long orders;
        Histogram stackWakeUps;
        try (StackUnderTest stack = run.stack(new StackUnderTest.Plan(pricesPerSecond, newsPerSecond, true, scalpers));
             SequenceTap prices = SequenceTap.open("price", stack.host(), stack.pricePort());
             SequenceTap news = SequenceTap.open("news", stack.host(), stack.newsPort());
             BookWatcher book = BookWatcher.start(stack.book(), prices)) {
            if (!stack.trading()) {
                throw new IllegalStateException("the latency scenario needs the order manager and the strategy (--order-manager, --strategy)");
            }
            List<ServiceJvm> services = stack.services();
            Map<String, MetricsScrape> start = Window.scrapeAll(services);
            String failure = Window.watch(run.warmup(), Window.firstFailure(List.of(prices, news), book));
            long windowStart = SystemEpochNanoClock.instance().epochNanos();
            long windowEnd;
            before = Window.scrapeAll(services);
            try (HeapSampler heap = new HeapSampler(services); WakeUpMeter.Running wakeUps = WakeUpMeter.start()) {
                if (failure == null) {
                    failure = Window.watch(run.window(), Window.firstFailure(List.of(prices, news), book));
                }
                windowEnd = SystemEpochNanoClock.instance().epochNanos();
                stackWakeUps = wakeUps.stop();
                after = Window.scrapeAll(services);
                resources = ServiceResources.of(services, before, after, heap);
            }
            if (failure == null) {
                book.awaitCaughtUp(java.time.Duration.ofSeconds(2));
            }
            for (String f : new String[] {prices.failure(), news.failure(), book.failure()}) {
                if (f != null) {
                    failures.add(f);
                }
            }
            failures.addAll(LossChecks.violations(start, after));
            orders = recordOrders(stack.orderManager(), windowStart, windowEnd, own, uncorrected);
        }
        run.say("raw-socket baseline: news → relay → order sink, " + run.window().toSeconds() + " s");
        RawBaseline.Latency baseline;
        Histogram baselineWakeUps;
        try (WakeUpMeter.Running wakeUps = WakeUpMeter.start()) {
            baseline = run.baseline().latency(newsPerSecond, run.warmup(), run.window());
            baselineWakeUps = wakeUps.stop();
        }
        return report(before, after, resources, own, uncorrected, orders, baseline, new Machine(stackWakeUps, baselineWakeUps),
            failures);
    }

    /** Every order the order manager received in the window that a tick caused, into the driver's own histogram. */
    private long recordOrders(ServiceJvm orderManager, long windowStart, long windowEnd, Histogram into, Histogram uncorrected)
            throws IOException, InterruptedException {
        long expectedInterval = Math.round(1e9 / newsPerSecond);
        long recorded = 0;
        for (int page = 0; ; page++) {
            JsonNode body = JSON.readTree(orderManager.getOk("/api/orders?page=" + page + "&size=500"));
            JsonNode items = body.get("items");
            if (items == null || items.isEmpty()) {
                return recorded;
            }
            for (JsonNode item : items) {
                long received = item.get("receivedTs").asLong();
                if (received < windowStart) {
                    return recorded; // latest first: the rest are older
                }
                if (received <= windowEnd && item.hasNonNull("originTs")) {
                    long tickToTrade = Math.max(0, item.get("ts").asLong() - item.get("originTs").asLong());
                    into.recordValueWithExpectedInterval(tickToTrade, expectedInterval);
                    uncorrected.recordValue(tickToTrade);
                    recorded++;
                }
            }
        }
    }

    /** How late a parked thread of the driver woke (nanoseconds), during the stack's window and during the baseline's run. */
    private record Machine(Histogram underStack, Histogram underBaseline) {
    }

    private String report(Map<String, MetricsScrape> before, Map<String, MetricsScrape> after, List<ServiceResources> resources,
            Histogram own, Histogram uncorrected, long orders, RawBaseline.Latency baseline, Machine machine, List<String> failures) {
        HistogramWindow tickToTrade = HistogramWindow.between(before.get("order-manager"), after.get("order-manager"),
            "trading_tick_to_trade_seconds");
        double baseP50 = baseline.corrected().p50() / 1e9;
        MarkdownTable table = new MarkdownTable("measure", "count", "p50", "p99", "p99.9", "max", "mean", "p50 × baseline");
        table.row("**tick-to-trade**, order manager histogram (news emit → execution decided)", count(tickToTrade.count()),
            seconds(tickToTrade.quantileSeconds(0.5)), seconds(tickToTrade.quantileSeconds(0.99)),
            seconds(tickToTrade.quantileSeconds(0.999)), seconds(tickToTrade.maxSeconds()), seconds(tickToTrade.meanSeconds()),
            ratio(tickToTrade.quantileSeconds(0.5) / baseP50));
        LatencySummary corrected = LatencySummary.of(own);
        row(table, "**tick-to-trade**, driver's HdrHistogram of every order (CO-corrected)",
            count(corrected.count()) + " (" + count(orders) + " orders)", corrected, ratio(corrected.p50() / 1e9 / baseP50));
        LatencySummary asMeasured = LatencySummary.of(uncorrected);
        row(table, "tick-to-trade, the same orders uncorrected", count(asMeasured.count()), asMeasured,
            ratio(asMeasured.p50() / 1e9 / baseP50));
        LatencySummary base = baseline.corrected();
        row(table, "raw-socket baseline, news → relay → order sink (CO-corrected)", count(base.count()), base, "1.00×");
        LatencySummary baseAsMeasured = baseline.uncorrected();
        row(table, "raw-socket baseline, the same uncorrected", count(baseAsMeasured.count()), baseAsMeasured,
            ratio(baseAsMeasured.p50() / 1e9 / baseP50));
        LatencySummary underStack = LatencySummary.of(machine.underStack());
        row(table, "machine: a driver thread parked for 1 ms, woken late by (in the stack's window)", count(underStack.count()),
            underStack, "");
        LatencySummary underBaseline = LatencySummary.of(machine.underBaseline());
        row(table, "machine: the same during the baseline's run", count(underBaseline.count()), underBaseline, "");
        table.row("the original Python assignment", "", "", "", "", "", seconds(ASSIGNMENT_MEAN_SECONDS), "");
        hop(table, before, after, "orderbook", "trading_hop_emit_to_book_seconds", "hop: gateway emit → book write");
        hop(table, before, after, "strategy", "trading_hop_news_to_strategy_seconds", "hop: news emit → strategy receive");
        hop(table, before, after, "strategy", "trading_hop_news_to_order_sent_seconds",
            "hop: news emit → order written by the strategy");
        hop(table, before, after, "order-manager", "trading_hop_news_to_order_manager_seconds",
            "hop: news emit → order frame decoded in the order manager");
        hop(table, before, after, "strategy", "trading_hop_order_round_trip_seconds", "hop: order sent → execution received");
        hop(table, before, after, "order-manager", "trading_journal_write_seconds", "journal commit (write + fsync)");
        double newsSent = after.get("gateway").metrics().sum("trading_feed_messages_sent_total", "feed", "news")
            - before.get("gateway").metrics().sum("trading_feed_messages_sent_total", "feed", "news");
        StringBuilder out = new StringBuilder();
        out.append("### Latency: tick-to-trade at ").append(count(pricesPerSecond)).append(" prices/s and ")
            .append(count(newsPerSecond)).append(" news/s\n\n").append(run.header().stripTrailing()).append(" · ")
            .append(describe(scalpers)).append("\n\n").append(table).append('\n');
        out.append(String.format(Locale.ROOT, "%,.0f news ticks published in the window, %,d orders decided from them (%.0f %%; a "
            + "scalper skips a news tick while its order for that symbol is in flight). Sequence checks: %s.%n%n", newsSent, orders,
            newsSent > 0 ? 100.0 * orders / newsSent : 0, failures.isEmpty() ? "no gap, reset, cut, duplicate or expired order"
                : "**failed**: " + String.join("; ", failures)));
        out.append(ResourcesTable.of(resources, "orderbook",
            ServiceResources.allocatedPerPriceTick(before.get("orderbook"), after.get("orderbook"))));
        if (!failures.isEmpty()) {
            run.fail(String.join("; ", failures));
        }
        return out.toString();
    }

    private static void row(MarkdownTable table, String label, String count, LatencySummary latency, String ratio) {
        table.row(label, count, nanos(latency.p50()), nanos(latency.p99()), nanos(latency.p999()), nanos(latency.max()),
            nanos(latency.mean()), ratio);
    }

    private static void hop(MarkdownTable table, Map<String, MetricsScrape> before, Map<String, MetricsScrape> after, String service,
            String metric, String label) {
        HistogramWindow hop = HistogramWindow.between(before.get(service), after.get(service), metric);
        table.row(label, count(hop.count()), seconds(hop.quantileSeconds(0.5)), seconds(hop.quantileSeconds(0.99)),
            seconds(hop.quantileSeconds(0.999)), seconds(hop.maxSeconds()), seconds(hop.meanSeconds()), "");
    }
}
