package io.tradingstack.tls;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.time.Duration;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Looks up the SSL bundle a TLS setting names, at start-up, so that a name without a bundle (a
 * typo, a missing {@code spring.ssl.bundle.pem.<name>} block) or a bundle that cannot serve its
 * port stops the service with the setting, the name and what is configured, instead of a port
 * that silently stays plaintext or fails every handshake.
 */
public final class TlsBundles {

    private TlsBundles() {
    }

    /**
     * The server port's TLS, or null when the setting names no bundle (plaintext).
     *
     * @param property the setting's prefix for messages, e.g. {@code trading.gateway.feeds.tls}
     * @throws TlsConfigurationException when the bundle is missing, has no key, or has no trust for client certificates
     */
    public static ServerTls server(SslBundles bundles, String property, ServerTlsProperties tls) {
        if (tls == null || !tls.enabled()) {
            return null;
        }
        SslBundle bundle = bundle(bundles, property, tls.bundle());
        if (!hasEntries(bundle.getStores().getKeyStore())) {
            throw new TlsConfigurationException(property + ".bundle", property + ".bundle=" + tls.bundle()
                    + ": the bundle has no key and certificate for the server (spring.ssl.bundle.pem." + tls.bundle()
                    + ".keystore.certificate and .private-key)", null);
        }
        if (tls.clientAuth() == ClientAuth.NEED && !hasEntries(bundle.getStores().getTrustStore())) {
            throw new TlsConfigurationException(property + ".bundle", property + ".client-auth=need: bundle " + tls.bundle()
                    + " has no trust to verify client certificates with (spring.ssl.bundle.pem." + tls.bundle()
                    + ".truststore.certificate)", null);
        }
        return new ServerTls(bundle, tls.clientAuth());
    }

    /**
     * The client connection's TLS, or null when the setting names no bundle (plaintext).
     *
     * @param property         the setting's prefix for messages, e.g. {@code trading.orderbook.gateway.tls}
     * @param handshakeTimeout how long the handshake after a connect may take
     * @throws TlsConfigurationException when the bundle is missing
     */
    public static ClientTls client(SslBundles bundles, String property, ClientTlsProperties tls,
            Duration handshakeTimeout) {
        if (tls == null || !tls.enabled()) {
            return null;
        }
        return new ClientTls(bundle(bundles, property, tls.bundle()), handshakeTimeout);
    }

    /** The bundle a setting names, or a failure that says which setting named what. */
    public static SslBundle bundle(SslBundles bundles, String property, String name) {
        try {
            return bundles.getBundle(name);
        } catch (NoSuchSslBundleException e) {
            throw new TlsConfigurationException(property + ".bundle", property + ".bundle=" + name
                    + " names no SSL bundle; configured bundles: " + bundles.getBundleNames(), e);
        }
    }

    private static boolean hasEntries(KeyStore store) {
        try {
            return store != null && store.size() > 0;
        } catch (KeyStoreException e) {
            return false;
        }
    }
}
