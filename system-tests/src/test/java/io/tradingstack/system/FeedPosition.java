package io.tradingstack.system;

import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a feed subscriber (orderbook, strategy) stands, read from its Actuator: the gateway
 * session it follows and the last sequence it accepted ({@code /actuator/health/feed}), and how
 * many data messages it accepted ({@code trading_feed_messages_received_total}).
 *
 * <p>A subscriber accepts a message only when its sequence is the last one + 1, so within one
 * session {@link #offset() received - lastSeq} never changes while nothing is lost. A hole
 * skipped over (by a reset, a new session or a bug) changes it. Equal offsets before and after
 * a fault, in the same session, say that every sequence in between was accepted exactly once:
 * "no hole" asserted from the subscriber's own numbers.
 */
record FeedPosition(long session, long lastSeq, long received) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    long offset() {
        return received - lastSeq;
    }

    /**
     * Reads a position whose two numbers belong together. They come from two endpoints while
     * messages keep arriving, so a read is kept only when the sequence did not move around the
     * counter's read, and only when the next such read gives the same offset: the subscriber
     * advances the sequence a moment before the counter, and one read may fall in between.
     */
    static FeedPosition read(ServiceProcess subscriber, String feed, Duration timeout) {
        Deadline deadline = new Deadline(timeout);
        FeedPosition previous = null;
        String last = "no consistent read";
        while (!deadline.passed()) {
            JsonNode before = feedDetails(subscriber);
            double received = subscriber.metrics()
                    .sum("trading_feed_messages_received_total", "feed", feed);
            JsonNode after = feedDetails(subscriber);
            if (before != null && before.equals(after)) {
                FeedPosition position = new FeedPosition(after.get("session").asLong(), after.get("lastSeq").asLong(),
                        (long) received);
                if (previous != null && previous.session == position.session && previous.offset() == position.offset()) {
                    return position;
                }
                previous = position;
                last = position.toString();
            }
            deadline.pause(Duration.ofMillis(20));
        }
        throw new AssertionError(subscriber.name() + ": no steady " + feed + " feed position within " + timeout + ", last "
                + last + "; see " + subscriber.log());
    }

    /** The feed component's session and lastSeq, or null when the subscriber does not answer. */
    private static JsonNode feedDetails(ServiceProcess subscriber) {
        HttpResponse<String> response = subscriber.get("/actuator/health/feed");
        if (response == null) {
            return null;
        }
        JsonNode details = JSON.readTree(response.body()).path("details");
        if (!details.has("session") || !details.has("lastSeq")) {
            return null;
        }
        return JSON.createObjectNode().put("session", details.get("session").asLong())
                .put("lastSeq", details.get("lastSeq").asLong());
    }
}
