package io.tradingstack.benchmarks.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What must not happen in a run, read from the services' own counters between the moment the
 * taps connected and the end: a subscriber that saw a gap, a reset or had to reconnect, a
 * subscriber the gateway cut as too slow, a reset the gateway sent, an order that expired.
 * Together with the taps and the {@link BookWatcher} this is the driver's "no loss".
 */
final class LossChecks {

    private record Watched(String service, String metric, String what) {
    }

    private static final List<Watched> MUST_NOT_MOVE = List.of(
        new Watched("gateway", "trading_feed_slow_consumers_cut_total", "subscribers cut as slow consumers"),
        new Watched("gateway", "trading_feed_resets_sent_total", "resets sent"),
        new Watched("orderbook", "trading_feed_gaps_total", "gaps"),
        new Watched("orderbook", "trading_feed_resets_received_total", "resets received"),
        new Watched("orderbook", "trading_feed_reconnects_total", "reconnects"),
        new Watched("strategy", "trading_feed_gaps_total", "gaps"),
        new Watched("strategy", "trading_feed_resets_received_total", "resets received"),
        new Watched("strategy", "trading_feed_reconnects_total", "reconnects"),
        new Watched("strategy", "trading_strategy_orders_total{status=expired}", "orders expired unanswered"));

    private LossChecks() {
    }

    /** One line per counter that moved, naming the service and how much; empty when none did. */
    static List<String> violations(Map<String, MetricsScrape> start, Map<String, MetricsScrape> end) {
        List<String> violations = new ArrayList<>();
        for (Watched watched : MUST_NOT_MOVE) {
            MetricsScrape before = start.get(watched.service());
            MetricsScrape after = end.get(watched.service());
            if (before == null || after == null) {
                continue;
            }
            String metric = watched.metric();
            String[] labels = {};
            int brace = metric.indexOf('{');
            if (brace > 0) {
                String[] pair = metric.substring(brace + 1, metric.length() - 1).split("=");
                labels = new String[] {pair[0], pair[1]};
                metric = metric.substring(0, brace);
            }
            double moved = after.metrics().sum(metric, labels) - before.metrics().sum(metric, labels);
            if (moved > 0) {
                violations.add(String.format(Locale.ROOT, "%s: %.0f %s (%s)", watched.service(), moved, watched.what(),
                    watched.metric()));
            }
        }
        return violations;
    }
}
