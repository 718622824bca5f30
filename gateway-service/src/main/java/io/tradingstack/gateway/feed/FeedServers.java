package io.tradingstack.gateway.feed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.tradingstack.protocol.Decoded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;

/**
 * The price and news feed servers: routes Spring Integration's connection events and inbound
 * frames to the {@link FeedServer} of their connection factory, and tells health checks and
 * tests the bound ports, subscriber counts and session.
 */
public final class FeedServers implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FeedServers.class);

    private final long session;
    private final FeedServer price;
    private final FeedServer news;
    private final List<FeedServer> servers;
    private final ScheduledThreadPoolExecutor timer;

    FeedServers(long session, FeedServer price, FeedServer news, ScheduledThreadPoolExecutor timer) {
        this.session = session;
        this.price = price;
        this.news = news;
        this.servers = List.of(price, news);
        this.timer = timer;
    }

    /** The timer every feed server shares: replay deadlines and connection closes, never I/O. */
    static ScheduledThreadPoolExecutor newTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "feed-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // replay deadlines are nearly always cancelled
        return timer;
    }

    public long session() {
        return session;
    }

    /** The bound port of a feed; with port 0 configured, valid once {@link #awaitListening} returned true. */
    public int port(FeedKind kind) {
        return server(kind).port();
    }

    public boolean isListening(FeedKind kind) {
        return server(kind).isListening();
    }

    /** Connections that sent their {@code replay} and receive data. */
    public int subscribers(FeedKind kind) {
        return server(kind).feed().subscriberCount();
    }

    /** Accepted connections, subscribed or still waiting for their {@code replay}. */
    public int openConnections(FeedKind kind) {
        return server(kind).openConnections();
    }

    /** The last sequence a feed published, 0 before the first. */
    public long lastSeq(FeedKind kind) {
        return server(kind).feed().lastSeq();
    }

    /** Waits until both feeds listen; their connection factories start listening asynchronously. */
    public boolean awaitListening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (FeedServer server : servers) {
            if (!server.awaitListening(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    @EventListener
    public void onOpen(TcpConnectionOpenEvent event) {
        FeedServer server = serverOf(event.getConnectionFactoryName());
        if (server != null) {
            server.onOpen((TcpConnection) event.getSource());
        }
    }

    @EventListener
    public void onClose(TcpConnectionCloseEvent event) {
        FeedServer server = serverOf(event.getConnectionFactoryName());
        if (server != null) {
            server.onClose(event.getConnectionId());
        }
    }

    @EventListener
    public void onListening(TcpConnectionServerListeningEvent event) {
        for (FeedServer server : servers) {
            if (server.factory() == event.getSource()) {
                server.onListening();
            }
        }
    }

    /** A decoded frame, or the decode error, from a feed's inbound flow. */
    void onFrame(FeedKind kind, String connectionId, Decoded frame) {
        server(kind).onFrame(connectionId, frame);
    }

    /** A frame whose handling threw: a bug, logged with its stack; the connection is left as it was. */
    void onInboundFailure(Throwable failure) {
        log.error("feed frame handling failed", failure);
    }

    @Override
    public void destroy() {
        for (FeedServer server : servers) {
            server.shutdown();
        }
        timer.shutdownNow();
    }

    private FeedServer server(FeedKind kind) {
        return kind == FeedKind.PRICE ? price : news;
    }

    private FeedServer serverOf(String connectionFactoryName) {
        for (FeedServer server : servers) {
            if (server.owns(connectionFactoryName)) {
                return server;
            }
        }
        return null;
    }
}
