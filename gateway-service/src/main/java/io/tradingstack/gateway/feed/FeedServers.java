package io.tradingstack.gateway.feed;

import java.time.Duration;
import java.util.List;

import io.tradingstack.tcp.FrameServer;

/**
 * The price and news feed servers as health checks and tests see them: the bound ports,
 * connection and subscriber counts, and the session. Each feed port is a shared frame server
 * with a {@link FeedProtocol} on top.
 */
public final class FeedServers {

    /** One feed's port and what it publishes. */
    record FeedPort(FrameServer<FeedConnection> server, Feed feed) {
    }

    private final long session;
    private final FeedPort price;
    private final FeedPort news;

    FeedServers(long session, FeedPort price, FeedPort news) {
        this.session = session;
        this.price = price;
        this.news = news;
    }

    public long session() {
        return session;
    }

    /** The bound port of a feed; with port 0 configured, valid once {@link #awaitListening} returned true. */
    public int port(FeedKind kind) {
        return feedPort(kind).server().port();
    }

    public boolean isListening(FeedKind kind) {
        return feedPort(kind).server().isListening();
    }

    /** Connections that sent their {@code replay} and receive data. */
    public int subscribers(FeedKind kind) {
        return feedPort(kind).feed().subscriberCount();
    }

    /** Accepted connections, subscribed or still waiting for their {@code replay}. */
    public int openConnections(FeedKind kind) {
        return feedPort(kind).server().openConnections();
    }

    /** The last sequence a feed published, 0 before the first. */
    public long lastSeq(FeedKind kind) {
        return feedPort(kind).feed().lastSeq();
    }

    /** Waits until both feeds listen; their connection factories start listening asynchronously. */
    public boolean awaitListening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (FeedPort port : List.of(price, news)) {
            if (!port.server().awaitListening(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    private FeedPort feedPort(FeedKind kind) {
        return kind == FeedKind.PRICE ? price : news;
    }
}
