package io.tradingstack.tls;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationPropertiesSource;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS of a server port as a service binds it ({@code trading.gateway.feeds.tls.*},
 * {@code trading.order-manager.server.tls.*}): one record, so that every TLS port has the same
 * keys, defaults and validation.
 *
 * @param bundle     the Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.<name>.*}) holding the
 *                   port's key and certificate, and for {@code client-auth: need} the trust that
 *                   verifies client certificates; empty (the default) keeps the port plaintext
 * @param clientAuth {@code need} refuses a client without a certificate the bundle trusts
 */
@ConfigurationPropertiesSource
public record ServerTlsProperties(@DefaultValue("") String bundle, @NotNull @DefaultValue("none") ClientAuth clientAuth) {

    public ServerTlsProperties {
        bundle = bundle == null ? "" : bundle.strip();
    }

    /** Plaintext. */
    public static ServerTlsProperties off() {
        return new ServerTlsProperties("", ClientAuth.NONE);
    }

    public boolean enabled() {
        return !bundle.isEmpty();
    }
}
