package io.tradingstack.strategy.health;

import io.tradingstack.feed.FeedClient;
import io.tradingstack.feed.FeedStatus;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code feed}: UP while the news feed is connected and a frame arrived within the dead-after
 * window (3 heartbeat intervals; see {@link FeedStatus#notLiveReason}); DOWN with the reason
 * and the time since the last frame otherwise, so a user sees at once that the gateway is away.
 */
@Component
class FeedHealthIndicator implements HealthIndicator {

    private final FeedClient newsFeed;

    FeedHealthIndicator(FeedClient newsFeed) {
        this.newsFeed = newsFeed;
    }

    @Override
    public Health health() {
        FeedStatus status = newsFeed.status();
        String notLive = status.notLiveReason(Instant.now(), newsFeed.config().deadAfter());
        Health.Builder health = notLive == null ? Health.up() : Health.down().withDetail("reason", notLive);
        Duration sinceLastFrame = status.sinceLastFrame(Instant.now());
        return health.withDetail("feed", status.feed().tag())
            .withDetail("gateway", newsFeed.config().host() + ":" + newsFeed.config().port())
            .withDetail("session", status.session())
            .withDetail("lastSeq", status.lastSeq())
            .withDetail("lastFrameAt", status.lastFrameAt() == null ? "never" : status.lastFrameAt().toString())
            .withDetail("sinceLastFrame", sinceLastFrame == null ? "never" : sinceLastFrame.toString())
            .build();
    }
}
