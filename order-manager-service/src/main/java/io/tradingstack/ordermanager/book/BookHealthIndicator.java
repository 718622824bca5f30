package io.tradingstack.ordermanager.book;

import io.tradingstack.pricebook.PriceSnapshot;
import io.tradingstack.pricebook.SlotStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code book}: UP while the price book is open and at least one traded symbol has a fresh
 * price; DOWN with the reason otherwise (not open yet, or nothing fresh: the orderbook or its
 * feed is away). Every traded symbol is listed with its status and the age of its price, so a
 * user sees which orders would be rejected {@code NO_PRICE} or {@code STALE_PRICE}.
 */
final class BookHealthIndicator implements HealthIndicator {

    private final BookPrices book;
    private final List<String> symbols;

    BookHealthIndicator(BookPrices book, List<String> symbols) {
        this.book = book;
        this.symbols = List.copyOf(symbols);
    }

    @Override
    public Health health() {
        if (!book.isOpen()) {
            return Health.down()
                .withDetail("open", false)
                .withDetail("reason", book.openFailure())
                .withDetail("path", book.path().toString())
                .build();
        }
        long now = book.now();
        PriceSnapshot snapshot = new PriceSnapshot();
        Map<String, Map<String, Object>> perSymbol = new LinkedHashMap<>();
        int fresh = 0;
        for (String symbol : symbols) {
            SlotStatus status = book.read(symbol, snapshot, now);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", status == null ? "NOT_REGISTERED" : status.name());
            if (status == SlotStatus.FRESH || status == SlotStatus.STALE) {
                detail.put("age", Duration.ofNanos(Math.max(0, now - snapshot.updateTimestamp())).toString());
            }
            fresh += status == SlotStatus.FRESH ? 1 : 0;
            perSymbol.put(symbol, detail);
        }
        Health.Builder health = fresh > 0 ? Health.up()
            : Health.down().withDetail("reason", "no traded symbol has a price fresher than " + book.staleness());
        return health.withDetail("open", true)
            .withDetail("path", book.path().toString())
            .withDetail("staleness", book.staleness().toString())
            .withDetail("fresh", fresh)
            .withDetail("symbols", perSymbol)
            .build();
    }
}
