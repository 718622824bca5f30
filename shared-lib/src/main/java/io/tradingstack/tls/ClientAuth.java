package io.tradingstack.tls;

/** Whether a TLS server port asks its clients for a certificate. */
public enum ClientAuth {
    /** Clients are not asked for one: they verify the server, the server does not verify them. */
    NONE,
    /** A client without a certificate the server's bundle trusts fails the handshake and is closed. */
    NEED
}
