package io.tradingstack.ordermanager.server;

import io.tradingstack.tcp.FrameServer;
import java.time.Duration;

/**
 * The order port as the rest of the service and its tests see it: where it listens, how many
 * connections it holds, and whether a connection must log on. The port is the shared frame
 * server; the protocol on it is the {@link OrderProtocol}.
 */
public final class OrderServer {

    private final FrameServer<OrderSession> server;
    private final boolean logonRequired;

    OrderServer(FrameServer<OrderSession> server, boolean logonRequired) {
        this.server = server;
        this.logonRequired = logonRequired;
    }

    /** The bound port: the configured one, or the one the system picked for port 0; valid once listening. */
    public int port() {
        return server.port();
    }

    public boolean isListening() {
        return server.isListening();
    }

    /** Waits until the server listens; the connection factory starts listening asynchronously. */
    public boolean awaitListening(Duration timeout) throws InterruptedException {
        return server.awaitListening(timeout);
    }

    /** Connections open now (refused ones excluded). */
    public int openConnections() {
        return server.openConnections();
    }

    public int maxConnections() {
        return server.maxConnections();
    }

    public boolean logonRequired() {
        return logonRequired;
    }
}
