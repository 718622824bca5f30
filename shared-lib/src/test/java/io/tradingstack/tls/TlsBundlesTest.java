package io.tradingstack.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;

/**
 * The look-up of the bundle a TLS setting names: none keeps the port plaintext; a name without a
 * bundle, a server bundle without a key, and client certificates required from a bundle without
 * trust each stop the start with the setting, and Spring Boot reports it without a stack trace.
 */
class TlsBundlesTest {

    @TempDir
    static Path directory;

    private static TestCertificates certificates;

    private final DefaultSslBundleRegistry bundles = new DefaultSslBundleRegistry();

    @BeforeAll
    static void makeCertificates() {
        certificates = TestCertificates.make(directory);
    }

    @Test
    void shouldKeepThePortPlaintextWhenNoBundleIsNamed() {
        assertThat(TlsBundles.server(bundles, "trading.test.tls", ServerTlsProperties.off())).isNull();
        assertThat(TlsBundles.client(bundles, "trading.test.tls", ClientTlsProperties.off(), Duration.ofSeconds(1))).isNull();
    }

    @Test
    void shouldNameTheSettingAndTheConfiguredBundlesWhenTheNamedBundleIsMissing() {
        bundles.registerBundle("stack", certificates.keyAndTrust("gateway", "ca"));

        assertThatThrownBy(() -> TlsBundles.client(bundles, "trading.test.tls", new ClientTlsProperties("stakc"),
                Duration.ofSeconds(1)))
                .isInstanceOf(TlsConfigurationException.class)
                .hasMessage("trading.test.tls.bundle=stakc names no SSL bundle; configured bundles: [stack]");
    }

    @Test
    void shouldRefuseAServerBundleWithoutAKeyAndClientCertificatesWithoutTrust() {
        bundles.registerBundle("trust", certificates.trustOnly("ca"));
        bundles.registerBundle("key", certificates.keyAndTrust("gateway", "ca"));

        assertThatThrownBy(() -> TlsBundles.server(bundles, "trading.test.tls", new ServerTlsProperties("trust", ClientAuth.NONE)))
                .isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining("trading.test.tls.bundle=trust: the bundle has no key and certificate");
        assertThat(TlsBundles.server(bundles, "trading.test.tls", new ServerTlsProperties("key", ClientAuth.NEED)))
                .isNotNull();
    }

    @Test
    void shouldBeReportedAsAFailureAnalysisThatSaysWhatToDo() {
        TlsConfigurationException failure = catchMissing();

        FailureAnalysis analysis = new TlsConfigurationFailureAnalyzer().analyze(new IllegalStateException(failure));

        assertThat(analysis.getDescription()).isEqualTo(failure.getMessage());
        assertThat(analysis.getAction()).contains("spring.ssl.bundle.pem.<name>", "leave trading.test.tls.bundle empty");
    }

    private TlsConfigurationException catchMissing() {
        try {
            TlsBundles.bundle(bundles, "trading.test.tls", "missing");
        } catch (TlsConfigurationException e) {
            return e;
        }
        throw new AssertionError("no failure for a missing bundle");
    }
}
