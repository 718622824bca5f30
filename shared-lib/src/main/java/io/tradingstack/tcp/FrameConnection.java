package io.tradingstack.tcp;

import java.util.concurrent.atomic.AtomicBoolean;

import io.tradingstack.metrics.InvalidFrames;
import io.tradingstack.protocol.ErrorFrame;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;

/**
 * One accepted connection of a {@link FrameServer}, as its protocol sees it: sending, and the
 * ways of closing it. The protocol's threads (the reading thread, timers, senders) and the close
 * event race to close it; only the first closing call acts, so a connection is refused, counted
 * and answered once.
 */
public final class FrameConnection {

    private static final Log log = LogFactory.getLog(FrameConnection.class);

    private final TcpConnection connection;
    private final String server;
    private final InvalidFrames invalidFrames;
    private final AtomicBoolean closed = new AtomicBoolean();

    FrameConnection(TcpConnection connection, String server, InvalidFrames invalidFrames) {
        this.connection = connection;
        this.server = server;
        this.invalidFrames = invalidFrames;
    }

    public String id() {
        return connection.getConnectionId();
    }

    /**
     * The Spring Integration connection, for a protocol that writes from threads of its own
     * (the feed's subscribers) and closes it from there.
     */
    public TcpConnection tcp() {
        return connection;
    }

    /**
     * Sends a payload the frame serializer writes: a protocol message, or a {@code byte[]} of whole frames.
     *
     * @throws org.springframework.messaging.MessagingException when the write failed; the connection has then closed itself
     */
    public void send(Object payload) {
        connection.send(OutboundFrame.of(payload));
    }

    /** True once any of the closing calls below was made or the connection closed. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * A protocol error: counts it in {@code trading.frames.invalid}, logs it once, sends the
     * {@code error} frame and closes the connection.
     *
     * @return false when the connection was already closing, and nothing was done
     */
    public boolean refuse(ErrorFrame error) {
        if (!countRefusal(error)) {
            return false;
        }
        sendAndClose(error);
        return true;
    }

    /**
     * What {@link #refuse} does but the writing: counts and logs the protocol error and marks
     * the connection closing, for a protocol whose own sending thread writes the {@code error}
     * as its last frame and closes the connection.
     *
     * @return false when the connection was already closing, and nothing was done
     */
    public boolean countRefusal(ErrorFrame error) {
        if (!markClosed()) {
            return false;
        }
        invalidFrames.count(error.reason());
        log.warn("server=" + server + " connection=" + id() + " closed for a protocol error: reason=" + error.reason()
                + " detail=" + error.detail());
        return true;
    }

    /**
     * Closes after an {@code error} frame that is no protocol error of the client (the server is
     * full or cannot serve now): not counted, logged by the caller.
     *
     * @return false when the connection was already closing, and nothing was done
     */
    public boolean closeWith(ErrorFrame error) {
        if (!markClosed()) {
            return false;
        }
        sendAndClose(error);
        return true;
    }

    /** Closes without a word. */
    public void close() {
        markClosed();
        connection.close();
    }

    /** The close event came: whatever closes it later does nothing more. */
    void closed() {
        closed.set(true);
    }

    private boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    /** Nothing else writes to this connection now, so this small write finds an empty socket buffer. */
    private void sendAndClose(ErrorFrame error) {
        try {
            send(error);
        } catch (RuntimeException e) {
            if (log.isDebugEnabled()) {
                log.debug("server=" + server + " connection=" + id() + " error frame not sent: " + e);
            }
        } finally {
            connection.close();
        }
    }
}
