package io.tradingstack.orderbook.health;

import io.tradingstack.feed.FeedClient;
import io.tradingstack.feed.FeedStatus;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code feed}: UP while the price feed is connected and a frame arrived within the dead-after
 * window (3 heartbeat intervals); DOWN with the reason and the time since the last frame
 * otherwise, so a user sees at once that the gateway is away.
 *
 * (see {@link FeedStatus#notLiveReason}).
 */
@Component
class FeedHealthIndicator implements HealthIndicator {

    private final FeedClient priceFeed;

    FeedHealthIndicator(FeedClient priceFeed) {
        this.priceFeed = priceFeed;
    }

    @Override
    public Health health() {
        FeedStatus status = priceFeed.status();
        Duration sinceLastFrame = status.sinceLastFrame(Instant.now());
        String notLive = status.notLiveReason(Instant.now(), priceFeed.config().deadAfter());
        Health.Builder health = notLive == null ? Health.up() : Health.down().withDetail("reason", notLive);
        return health.withDetail("feed", status.feed().tag())
            .withDetail("gateway", priceFeed.config().host() + ":" + priceFeed.config().port())
            .withDetail("session", status.session())
            .withDetail("lastSeq", status.lastSeq())
            .withDetail("lastFrameAt", status.lastFrameAt() == null ? "never" : status.lastFrameAt().toString())
            .withDetail("sinceLastFrame", sinceLastFrame == null ? "never" : sinceLastFrame.toString())
            .build();
    }
}
