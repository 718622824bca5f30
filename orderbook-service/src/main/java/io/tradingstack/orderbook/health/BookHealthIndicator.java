package io.tradingstack.orderbook.health;

import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.orderbook.OrderBookProperties;
import io.tradingstack.orderbook.book.PriceBookUpdater;
import io.tradingstack.orderbook.book.SymbolSlot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code book}: UP while the newest price written is within the freshness window, else DOWN,
 * with every symbol's age: the strategy and the order manager will not use a stale price.
 */
@Component
class BookHealthIndicator implements HealthIndicator {

    private final PriceBookUpdater book;
    private final EpochNanoClock clock;
    private final Duration freshness;

    BookHealthIndicator(PriceBookUpdater book, EpochNanoClock clock, OrderBookProperties properties) {
        this.book = book;
        this.clock = clock;
        this.freshness = properties.book().freshness();
    }

    @Override
    public Health health() {
        long now = clock.epochNanos();
        long newest = 0;
        Map<String, String> ages = new LinkedHashMap<>();
        for (SymbolSlot symbol : book.symbols()) {
            long lastWrite = symbol.lastWriteNanos();
            newest = Math.max(newest, lastWrite);
            ages.put(symbol.symbol(), lastWrite == 0 ? "never" : Duration.ofNanos(Math.max(0, now - lastWrite)).toString());
        }
        Health.Builder health;
        if (newest == 0) {
            health = Health.down().withDetail("reason", "no price written since start");
        } else {
            Duration newestAge = Duration.ofNanos(Math.max(0, now - newest));
            health = newestAge.compareTo(freshness) <= 0 ? Health.up()
                : Health.down().withDetail("reason", "newest price is " + newestAge + " old, freshness " + freshness);
        }
        return health.withDetail("path", book.bookPath().toString())
            .withDetail("freshness", freshness.toString())
            .withDetail("symbols", ages.size())
            .withDetail("ages", ages)
            .build();
    }
}
