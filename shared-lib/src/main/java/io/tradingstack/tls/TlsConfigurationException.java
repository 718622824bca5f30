package io.tradingstack.tls;

/**
 * A TLS setting that cannot be served: it names an SSL bundle that does not exist, or one without
 * what its port needs. Thrown at start-up; {@link TlsConfigurationFailureAnalyzer} turns it into
 * Spring Boot's "application failed to start" report instead of a stack trace.
 */
public final class TlsConfigurationException extends IllegalStateException {

    private final String property;

    TlsConfigurationException(String property, String message, Throwable cause) {
        super(message, cause);
        this.property = property;
    }

    /** The setting at fault, e.g. {@code trading.gateway.feeds.tls.bundle}. */
    public String property() {
        return property;
    }
}
