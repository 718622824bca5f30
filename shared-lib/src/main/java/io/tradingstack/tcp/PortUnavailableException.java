package io.tradingstack.tcp;

/**
 * A frame server could not listen on its port: another process holds it, the address is not
 * one of this host's, or the port needs privileges. The service must not start without its
 * port, so this stops the start-up, and {@link PortUnavailableFailureAnalyzer} says what to do.
 */
public final class PortUnavailableException extends IllegalStateException {

    private final String server;
    private final String bindAddress;
    private final int port;

    PortUnavailableException(String server, String bindAddress, int port, Throwable cause) {
        super("server=" + server + " cannot listen on " + bindAddress + ":" + port + ": " + reason(cause), cause);
        this.server = server;
        this.bindAddress = bindAddress;
        this.port = port;
    }

    private static String reason(Throwable cause) {
        return cause == null ? "unknown" : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    public String server() {
        return server;
    }

    public String bindAddress() {
        return bindAddress;
    }

    public int port() {
        return port;
    }
}
