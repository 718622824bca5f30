package io.tradingstack.ordermanager.server;

import io.tradingstack.metrics.InvalidFrames;
import io.tradingstack.protocol.QuietOnPeerLossConnection;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Creates the order server's connections: their input enforces the per-frame read timeout
 * ({@link FrameDeadlineInputStream}), and a read that fails because the client went away
 * (reset by its peer, killed) is logged at DEBUG rather than Spring Integration's ERROR: it is
 * routine, and reported by the close event that follows. A frame that did not complete in time
 * is logged once at WARN and counted.
 */
final class OrderConnectionSupport implements TcpNetConnectionSupport {

    private static final Logger log = LoggerFactory.getLogger(OrderConnectionSupport.class);

    private final Duration readTimeout;
    private final InvalidFrames invalidFrames;

    OrderConnectionSupport(Duration readTimeout, InvalidFrames invalidFrames) {
        this.readTimeout = readTimeout;
        this.invalidFrames = invalidFrames;
    }

    @Override
    public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
            ApplicationEventPublisher applicationEventPublisher, String connectionFactoryName) {
        return new OrderConnection(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
    }

    private final class OrderConnection extends QuietOnPeerLossConnection {

        private final Socket socket;
        private FrameDeadlineInputStream input; // reading thread only

        OrderConnection(Socket socket, boolean server, boolean lookupHost,
                ApplicationEventPublisher applicationEventPublisher, String connectionFactoryName) {
            super(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
            this.socket = socket;
        }

        @Override
        protected InputStream inputStream() throws IOException {
            if (input == null) {
                input = new FrameDeadlineInputStream(socket, super.inputStream(), readTimeout.toNanos());
            }
            return input;
        }

        @Override
        protected boolean handleReadException(Exception exception) {
            Throwable cause = exception.getCause() != null ? exception.getCause() : exception;
            if ((exception instanceof SocketTimeoutException || cause instanceof SocketTimeoutException) && isOpen()) {
                invalidFrames.count(SessionRefusal.READ_TIMEOUT.name());
                log.warn("connection={} closed: a frame was not complete within {}", getConnectionId(), readTimeout);
            }
            return super.handleReadException(exception); // quiet on peer loss, as every connection here
        }
    }
}
