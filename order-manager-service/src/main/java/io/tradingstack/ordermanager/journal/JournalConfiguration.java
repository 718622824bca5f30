package io.tradingstack.ordermanager.journal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.journal.Journal;
import io.tradingstack.journal.JournalChannel;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.ordermanager.OrderManagerProperties;
import io.tradingstack.ordermanager.position.PositionBook;
import io.tradingstack.ordermanager.store.OrderRecord;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The journaled order store, replayed at start into the store and the positions, with its health
 * and meters. The journal's file goes through a {@link JournalChannel.Factory}: the file system,
 * unless the context holds a factory bean (the tests' seam for failing writes and fsyncs).
 */
@Configuration(proxyBeanMethods = false)
class JournalConfiguration {

    /** The order store of the engine and the REST API; closed (the journal with it) at shutdown. */
    @Bean
    JournaledOrderStore orderStore(OrderManagerProperties properties, PositionBook positions,
            ObjectProvider<JournalChannel.Factory> channels, MeterRegistry registry) throws IOException {
        OrderManagerProperties.JournalFile settings = properties.journal();
        JournaledOrderStore store = JournaledOrderStore.open(settings.path(), settings.flushPolicy(),
            channels.getIfAvailable(JournalChannel::files), record -> replayFill(positions, record), registry);
        register(store, registry);
        return store;
    }

    private static void replayFill(PositionBook positions, OrderRecord record) {
        if (record.execution().isFilled()) { // a fence never is
            positions.fill(record.order().strategyId(), record.order().symbol(), record.order().side(),
                record.execution().filledQuantity(), record.execution().price());
        }
    }

    private static void register(JournaledOrderStore store, MeterRegistry registry) {
        Journal journal = store.journal();
        long replayed = journal.recovery().records();
        FunctionCounter.builder(TradingMetric.JOURNAL_RECORDS.metricName(), journal, j -> j.records() - replayed)
            .description(TradingMetric.JOURNAL_RECORDS.description())
            .register(registry);
        FunctionCounter.builder(TradingMetric.JOURNAL_COMMITS.metricName(), journal, Journal::commits)
            .description(TradingMetric.JOURNAL_COMMITS.description())
            .register(registry);
        FunctionCounter.builder(TradingMetric.JOURNAL_TORN_TAILS.metricName(), journal,
                j -> j.recovery().tornTail() ? 1 : 0)
            .description(TradingMetric.JOURNAL_TORN_TAILS.description())
            .register(registry);
        Gauge.builder(TradingMetric.JOURNAL_FAILED.metricName(), store, s -> s.unavailableReason() == null ? 0 : 1)
            .description(TradingMetric.JOURNAL_FAILED.description())
            .register(registry);
    }

    /** Named {@code journalHealthIndicator}, so Actuator shows it as the {@code journal} component. */
    @Bean
    JournalHealthIndicator journalHealthIndicator(JournaledOrderStore store) {
        return new JournalHealthIndicator(store);
    }
}
