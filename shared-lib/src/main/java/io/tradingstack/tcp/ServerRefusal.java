package io.tradingstack.tcp;

/**
 * Why a frame server closed a connection whatever its protocol, beside the protocol's own
 * refusals and the decode failures. The name is the wire {@code reason} of the {@code error}
 * frame and the {@code reason} tag of {@code trading.frames.invalid}.
 */
public enum ServerRefusal {
    /** The server already holds its maximum number of connections: answered, closed and counted (no frame was read). */
    TOO_MANY_CONNECTIONS,
    /** A frame was started and not finished within the read timeout; counted, closed without an {@code error} frame. */
    READ_TIMEOUT,
    /**
     * On a TLS port, a connection that did not complete its handshake within the read timeout (a
     * plaintext client, a client that does not trust the server or lacks a certificate the server
     * requires); counted, closed without an {@code error} frame, never seen by the protocol.
     */
    TLS_HANDSHAKE
}
