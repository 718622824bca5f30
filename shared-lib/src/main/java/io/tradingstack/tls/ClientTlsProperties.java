package io.tradingstack.tls;

import org.springframework.boot.context.properties.ConfigurationPropertiesSource;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS of a client's connection to a server port as a service binds it
 * ({@code trading.orderbook.gateway.tls.*}, {@code trading.strategy.order-manager.tls.*}, ...).
 *
 * @param bundle the Spring Boot SSL bundle whose trust verifies the server (its certificate chain
 *               and that it was issued for the host connected to); when the bundle also has a key,
 *               it is the client certificate offered to a server that requires one. Empty (the
 *               default) connects in plaintext
 */
@ConfigurationPropertiesSource
public record ClientTlsProperties(@DefaultValue("") String bundle) {

    public ClientTlsProperties {
        bundle = bundle == null ? "" : bundle.strip();
    }

    /** Plaintext. */
    public static ClientTlsProperties off() {
        return new ClientTlsProperties("");
    }

    public boolean enabled() {
        return !bundle.isEmpty();
    }
}
