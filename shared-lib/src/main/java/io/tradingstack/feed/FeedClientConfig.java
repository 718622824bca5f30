package io.tradingstack.feed;

import io.tradingstack.protocol.Framing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link FeedClient} reaches a feed and when it gives a connection up.
 *
 * @param host                where the gateway listens
 * @param port                the feed's port (price 8000, news 8001 by default)
 * @param heartbeatInterval   how often the gateway sends a heartbeat on a quiet connection (1 s)
 * @param deadAfterHeartbeats a connection silent for this many heartbeat intervals is dead (3)
 * @param backoffInitial      the wait before the first reconnect attempt after a failure, and
 *                            the least time between two connection attempts (100 ms)
 * @param backoffMax          the wait doubles after each failed attempt up to this (5 s)
 * @param maxFrameLength      the largest frame payload accepted, bytes (65,536)
 * @param connectTimeout      how long one TCP connect may take; Spring Integration takes it in
 *                            whole seconds, so it is rounded up to at least 1 s (2 s)
 * @param warmUpFrames        synthetic frames run through the receive path before the first
 *                            connect, so that its code is compiled when the data comes (0: none)
 */
public record FeedClientConfig(String host, int port, Duration heartbeatInterval, int deadAfterHeartbeats,
        Duration backoffInitial, Duration backoffMax, int maxFrameLength, Duration connectTimeout, int warmUpFrames) {

    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_DEAD_AFTER_HEARTBEATS = 3;
    public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    /** @throws IllegalArgumentException naming every value out of range, not just the first */
    public FeedClientConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(backoffInitial, "backoffInitial");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        List<String> violations = new ArrayList<>();
        if (host.isBlank()) {
            violations.add("host is blank");
        }
        if (port < 1 || port > 65_535) {
            violations.add("port=" + port + ", must be 1..65535");
        }
        if (!isPositive(heartbeatInterval)) {
            violations.add("heartbeatInterval=" + heartbeatInterval + ", must be > 0");
        }
        if (deadAfterHeartbeats < 1) {
            violations.add("deadAfterHeartbeats=" + deadAfterHeartbeats + ", min=1");
        }
        if (isPositive(heartbeatInterval) && deadAfterHeartbeats >= 1) {
            // The product is the silence limit: whole milliseconds, at least 1, within an int.
            boolean fits = heartbeatInterval.compareTo(Duration.ofMillis(Integer.MAX_VALUE).dividedBy(deadAfterHeartbeats)) <= 0;
            if (!fits || heartbeatInterval.multipliedBy(deadAfterHeartbeats).toMillis() < 1) {
                violations.add("heartbeatInterval=" + heartbeatInterval + " x deadAfterHeartbeats=" + deadAfterHeartbeats
                        + " must be 1.." + Integer.MAX_VALUE + " ms");
            }
        }
        if (!isPositive(backoffInitial)) {
            violations.add("backoffInitial=" + backoffInitial + ", must be > 0");
        }
        if (backoffMax.compareTo(backoffInitial) < 0) {
            violations.add("backoffMax=" + backoffMax + ", must be >= backoffInitial=" + backoffInitial);
        }
        if (maxFrameLength < 1 || maxFrameLength > Framing.LARGEST_MAX_FRAME_LENGTH) {
            violations.add("maxFrameLength=" + maxFrameLength + ", must be 1.." + Framing.LARGEST_MAX_FRAME_LENGTH);
        }
        if (!isPositive(connectTimeout) || connectTimeout.toSeconds() >= Integer.MAX_VALUE) {
            violations.add("connectTimeout=" + connectTimeout + ", must be > 0 and below " + Integer.MAX_VALUE + " s");
        }
        if (warmUpFrames < 0) {
            violations.add("warmUpFrames=" + warmUpFrames + ", min=0");
        }
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("Invalid feed client configuration: " + String.join("; ", violations));
        }
    }

    /** With no warm-up. */
    public FeedClientConfig(String host, int port, Duration heartbeatInterval, int deadAfterHeartbeats,
            Duration backoffInitial, Duration backoffMax, int maxFrameLength, Duration connectTimeout) {
        this(host, port, heartbeatInterval, deadAfterHeartbeats, backoffInitial, backoffMax, maxFrameLength, connectTimeout, 0);
    }

    /** The same with {@code frames} warm-up frames. */
    public FeedClientConfig withWarmUpFrames(int frames) {
        return new FeedClientConfig(host, port, heartbeatInterval, deadAfterHeartbeats, backoffInitial, backoffMax,
            maxFrameLength, connectTimeout, frames);
    }

    /** The protocol's default timings for a gateway at {@code host:port}. */
    public static FeedClientConfig defaults(String host, int port) {
        return new FeedClientConfig(host, port, DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_DEAD_AFTER_HEARTBEATS,
                DEFAULT_BACKOFF_INITIAL, DEFAULT_BACKOFF_MAX, Framing.DEFAULT_MAX_FRAME_LENGTH, DEFAULT_CONNECT_TIMEOUT);
    }

    /** Silence longer than this closes the connection. */
    public Duration deadAfter() {
        return heartbeatInterval.multipliedBy(deadAfterHeartbeats);
    }

    /** {@link #connectTimeout} in the whole seconds Spring Integration's client factory takes, rounded up. */
    int connectTimeoutSeconds() {
        long millis = connectTimeout.toMillis();
        return (int) Math.max(1, (millis + 999) / 1000);
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
