package io.tradingstack.gateway.feed;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code feeds} health component: UP when both feed servers listen, with each feed's port,
 * subscriber count and last sequence, and the session a subscriber should expect.
 */
final class FeedsHealthIndicator implements HealthIndicator {

    private final FeedServers servers;

    FeedsHealthIndicator(FeedServers servers) {
        this.servers = servers;
    }

    @Override
    public Health health() {
        boolean up = true;
        Health.Builder builder = Health.unknown().withDetail("session", servers.session());
        for (FeedKind kind : FeedKind.values()) {
            boolean listening = servers.isListening(kind);
            up &= listening;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("listening", listening);
            details.put("port", servers.port(kind));
            details.put("subscribers", servers.subscribers(kind));
            details.put("connections", servers.openConnections(kind));
            details.put("lastSeq", servers.lastSeq(kind));
            builder.withDetail(kind.tagValue(), details);
        }
        return (up ? builder.up() : builder.down()).build();
    }
}
