package io.tradingstack.tls;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start-up stopped by a TLS setting is a configuration mistake for an operator to fix, not a
 * bug: Spring Boot prints this description and action instead of a stack trace. Registered in
 * shared-lib's {@code META-INF/spring.factories}, so every service has it.
 */
final class TlsConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<TlsConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TlsConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Define the SSL bundle " + cause.property() + " names (spring.ssl.bundle.pem.<name>.keystore.certificate"
                        + " and .private-key for a server, .truststore.certificate for the CA that verifies the other side),"
                        + " or leave " + cause.property() + " empty to keep that port plaintext. docs/security.md (TLS) has the settings.",
                cause);
    }
}
