package io.tradingstack.feed;

import java.time.Duration;
import java.time.Instant;

/**
 * A feed client's state for a health page, copied when asked for; the fields are read one by
 * one, so they may be a message apart.
 *
 * @param feed        which feed
 * @param connected   a connection is up and its replay request was sent
 * @param session     the gateway session of the last frame followed; 0 before any
 * @param lastSeq     the last data sequence delivered in that session; 0 before any
 * @param lastFrameAt when the last frame (data, heartbeat, reset) arrived; null before any
 * @param reason      why the client is not connected ("" while connected): the last
 *                    disconnect or failed connect, {@code "connecting"} before the first, or
 *                    {@code "stopped"}
 */
public record FeedStatus(Feed feed, boolean connected, long session, long lastSeq, Instant lastFrameAt, String reason) {

    /**
     * Why the feed is not live at {@code now}, or null when it is: live is connected <em>and</em>
     * a frame within {@code deadAfter}. Connected alone is not enough: the kernel of a frozen
     * gateway (SIGSTOP, a long GC stall) still accepts reconnects into its listen backlog, so a
     * client is "connected" again moments after declaring the old connection dead, to a gateway
     * that sends nothing.
     */
    public String notLiveReason(Instant now, Duration deadAfter) {
        if (!connected) {
            return reason;
        }
        Duration since = sinceLastFrame(now);
        if (since == null || since.compareTo(deadAfter) > 0) {
            return "connected, but no frame in the last " + deadAfter + ": the gateway is not sending";
        }
        return null;
    }

    /** Time since the last frame at {@code now}; null if no frame has arrived yet. */
    public Duration sinceLastFrame(Instant now) {
        return lastFrameAt == null ? null : Duration.between(lastFrameAt, now);
    }
}
