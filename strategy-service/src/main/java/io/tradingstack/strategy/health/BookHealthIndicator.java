package io.tradingstack.strategy.health;

import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.pricebook.SlotStatus;
import io.tradingstack.protocol.Prices;
import io.tradingstack.strategy.market.BookSampler;
import io.tradingstack.strategy.market.SampledSymbol;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code book}: DOWN until the price book is open (the orderbook creates it), and while no
 * traded symbol's last sample was FRESH; UP otherwise. The details show each symbol's last
 * sample: status, mid, age of the last FRESH sample and how many FRESH samples were taken.
 */
@Component
class BookHealthIndicator implements HealthIndicator {

    private final BookSampler sampler;
    private final EpochNanoClock clock;

    BookHealthIndicator(BookSampler sampler, EpochNanoClock clock) {
        this.sampler = sampler;
        this.clock = clock;
    }

    @Override
    public Health health() {
        long now = clock.epochNanos();
        Map<String, Map<String, Object>> symbols = new LinkedHashMap<>();
        int fresh = 0;
        for (SampledSymbol sampled : sampler.sampledSymbols()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            SlotStatus status = sampled.status();
            fresh += status == SlotStatus.FRESH ? 1 : 0;
            detail.put("status", status.name());
            long lastFresh = sampled.lastFreshNanos();
            detail.put("mid", lastFresh == 0 ? "none" : Prices.format(sampled.mid()));
            detail.put("sinceLastFresh", lastFresh == 0 ? "never" : Duration.ofNanos(Math.max(0, now - lastFresh)).toString());
            detail.put("freshSamples", sampled.freshSamples());
            symbols.put(sampled.symbol(), detail);
        }
        Health.Builder health;
        if (!sampler.isOpen()) {
            health = Health.down().withDetail("reason", sampler.problem());
        } else if (fresh == 0) {
            health = Health.down().withDetail("reason", "no traded symbol has a fresh price (staleness "
                + sampler.staleness() + ")");
        } else {
            health = Health.up();
        }
        long heartbeat = sampler.writerHeartbeat();
        return health.withDetail("path", sampler.path().toString())
            .withDetail("open", sampler.isOpen())
            .withDetail("staleness", sampler.staleness().toString())
            .withDetail("writerHeartbeatAge", heartbeat == 0 ? "never" : Duration.ofNanos(Math.max(0, now - heartbeat)).toString())
            .withDetail("freshSymbols", fresh)
            .withDetail("symbols", symbols)
            .build();
    }
}
