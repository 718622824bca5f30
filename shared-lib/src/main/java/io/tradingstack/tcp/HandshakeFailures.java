package io.tradingstack.tcp;

import java.net.SocketTimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs the failed TLS handshakes of one server port without flooding the log: a client that
 * keeps reconnecting with the same problem (a plaintext client, a wrong CA) would otherwise log a
 * line per attempt. A failure for a new reason is logged at WARN, a repeat of the last reason at
 * DEBUG; every failure is counted by the caller. No stack trace: the reason says it all.
 */
final class HandshakeFailures {

    private static final Log log = LogFactory.getLog(HandshakeFailures.class);

    private final String server;
    private String lastReason = ""; // guarded by this

    HandshakeFailures(String server) {
        this.server = server;
    }

    void failed(String client, Exception failure) {
        String reason = reason(failure);
        boolean repeat;
        synchronized (this) {
            repeat = reason.equals(lastReason);
            lastReason = reason;
        }
        String text = "server=" + server + " client=" + client + " closed: TLS handshake failed: " + reason;
        if (repeat) {
            if (log.isDebugEnabled()) {
                log.debug(text);
            }
        } else {
            log.warn(text + " (counted as trading.frames.invalid reason=TLS_HANDSHAKE; repeats are logged at DEBUG)");
        }
    }

    static String reason(Exception failure) {
        if (failure instanceof SocketTimeoutException) {
            return "not complete within the read timeout";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
