package io.tradingstack.ordermanager.journal;

import io.tradingstack.journal.Journal;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code journal}: UP while the journal takes orders, with its file, flush policy, records and
 * bytes, how far order ids are reserved, and what opening it found; DOWN for good once a write or
 * fsync failed, with the failure, the orders left in doubt, and what to do.
 */
final class JournalHealthIndicator implements HealthIndicator {

    private final JournaledOrderStore store;

    JournalHealthIndicator(JournaledOrderStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        Journal journal = store.journal();
        String failure = store.unavailableReason();
        Health.Builder health = failure == null ? Health.up()
            : Health.down()
                .withDetail("reason", failure)
                .withDetail("inDoubt", store.inDoubtCount())
                .withDetail("action", "new orders are rejected JOURNAL_UNAVAILABLE (error JOURNAL_UNAVAILABLE once the"
                    + " reserved order ids are used up); free the disk and restart the order manager");
        return health.withDetail("path", journal.path().toString())
            .withDetail("flushPolicy", journal.policy().name())
            .withDetail("records", journal.records())
            .withDetail("bytes", journal.size())
            .withDetail("orderIdsReservedUpTo", store.reservedOrderIds())
            .withDetail("orderIdReservations", store.reservationRecords())
            .withDetail("tornTailsTruncated", journal.recovery().tornTail() ? 1 : 0)
            .withDetail("tornTailBytes", journal.recovery().tornTailBytes())
            .build();
    }
}
