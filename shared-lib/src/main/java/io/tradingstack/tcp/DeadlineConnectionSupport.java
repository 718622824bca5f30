package io.tradingstack.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import io.tradingstack.metrics.InvalidFrames;
import io.tradingstack.tcp.QuietOnPeerLossConnection;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Creates a frame server's connections: their input enforces the per-frame read timeout
 * ({@link FrameDeadlineInputStream}), and a read that fails because the client went away
 * (reset by its peer, killed) is logged at DEBUG rather than Spring Integration's ERROR: it is
 * routine, and reported by the close event that follows. A frame that did not complete in time
 * is logged once at WARN and counted as {@link ServerRefusal#READ_TIMEOUT}.
 *
 * <p>On a TLS port (the socket is an {@link SSLSocket}) each connection first completes its
 * handshake, on its own thread and within the read timeout, before its open event: a client that
 * fails it (a plaintext client, one that does not trust the server, one without a certificate the
 * server requires) or stalls in it never reaches the protocol; it is closed, counted as
 * {@link ServerRefusal#TLS_HANDSHAKE} and logged by {@link HandshakeFailures}.
 */
final class DeadlineConnectionSupport implements TcpNetConnectionSupport {

    private static final Log log = LogFactory.getLog(DeadlineConnectionSupport.class);

    private final String server;
    private final Duration readTimeout;
    private final InvalidFrames invalidFrames;
    private final HandshakeFailures handshakeFailures;

    DeadlineConnectionSupport(String server, Duration readTimeout, InvalidFrames invalidFrames) {
        this.server = server;
        this.readTimeout = readTimeout;
        this.invalidFrames = invalidFrames;
        this.handshakeFailures = new HandshakeFailures(server);
    }

    @Override
    public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
            ApplicationEventPublisher applicationEventPublisher, String connectionFactoryName) {
        return new DeadlineConnection(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
    }

    private final class DeadlineConnection extends QuietOnPeerLossConnection {

        private final Socket socket;
        private FrameDeadlineInputStream input; // reading thread only

        DeadlineConnection(Socket socket, boolean server, boolean lookupHost,
                ApplicationEventPublisher applicationEventPublisher, String connectionFactoryName) {
            super(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
            this.socket = socket;
        }

        /** On the connection's thread: the handshake on a TLS port, then Spring Integration's read loop and open event. */
        @Override
        public void run() {
            if (socket instanceof SSLSocket ssl && !handshake(ssl)) {
                return;
            }
            super.run();
        }

        private boolean handshake(SSLSocket ssl) {
            try {
                int soTimeout = ssl.getSoTimeout();
                ssl.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, readTimeout.toMillis())));
                ssl.startHandshake();
                ssl.setSoTimeout(soTimeout);
                if (log.isDebugEnabled()) {
                    log.debug("server=" + server + " connection=" + getConnectionId() + " TLS "
                            + ssl.getSession().getProtocol() + " " + ssl.getSession().getCipherSuite());
                }
                return true;
            } catch (IOException e) {
                invalidFrames.count(ServerRefusal.TLS_HANDSHAKE.name());
                handshakeFailures.failed(getHostAddress() + ":" + getPort(), e);
                close();
                return false;
            }
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
                invalidFrames.count(ServerRefusal.READ_TIMEOUT.name());
                log.warn("server=" + server + " connection=" + getConnectionId() + " closed: a frame was not complete within "
                        + readTimeout);
            }
            return super.handleReadException(exception); // quiet on peer loss, as every connection here
        }
    }
}
