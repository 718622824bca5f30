package io.tradingstack.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * The test CA and certificates of {@code tls/make-test-ca}, made by running that script (so the
 * tests also check what a user runs) into a test's temporary directory: {@code ca} issued a server
 * certificate per service (for localhost and 127.0.0.1) and the strategy's client certificate;
 * {@code other-ca}, unrelated, issued {@code other-server} and {@code other-client}, which must be
 * refused. Needs bash and openssl.
 *
 * <p>Published in shared-lib's test jar, for the services' TLS tests.
 */
public final class TestCertificates {

    private final Path directory;

    private TestCertificates(Path directory) {
        this.directory = directory;
    }

    /** Runs the script into {@code directory}; fails the test with its output when it fails. */
    public static TestCertificates make(Path directory) {
        Path script = script();
        try {
            Process process = new ProcessBuilder("bash", script.toString(), directory.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(script + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new TestCertificates(directory);
    }

    private static TestCertificates inTarget;

    /**
     * One set per test JVM under the module's {@code target/test-certificates}, for tests whose
     * Spring configuration needs the files before any test method runs.
     */
    public static synchronized TestCertificates inTarget() {
        if (inTarget == null) {
            inTarget = make(Path.of("target", "test-certificates").toAbsolutePath());
        }
        return inTarget;
    }

    /** {@code tls/make-test-ca} of this repository, found upwards from the working directory (a module's). */
    static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("tls").resolve("make-test-ca");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("tls/make-test-ca not found above " + Path.of("").toAbsolutePath());
    }

    public Path directory() {
        return directory;
    }

    /** A file the script made, e.g. {@code ca.crt}. */
    public Path file(String name) {
        return directory.resolve(name);
    }

    /** {@code name}'s certificate and key, trusting {@code ca}: a server's bundle, or a client's with a certificate. */
    public SslBundle keyAndTrust(String name, String ca) {
        return SslBundle.of(new PemSslStoreBundle(keyStore(name), trustStore(ca)));
    }

    /** Trust in {@code ca} only: a client's bundle without a certificate. */
    public SslBundle trustOnly(String ca) {
        return SslBundle.of(new PemSslStoreBundle(null, trustStore(ca)));
    }

    /**
     * The {@code spring.ssl.bundle.pem.<bundle>.*} properties of {@code name}'s certificate and key
     * (none when {@code name} is null) and trust in {@code ca}, as a service is configured.
     */
    public Map<String, String> springBundle(String bundle, String name, String ca) {
        Map<String, String> properties = new LinkedHashMap<>();
        String prefix = "spring.ssl.bundle.pem." + bundle + ".";
        if (name != null) {
            properties.put(prefix + "keystore.certificate", "file:" + file(name + ".crt"));
            properties.put(prefix + "keystore.private-key", "file:" + file(name + ".key"));
        }
        properties.put(prefix + "truststore.certificate", "file:" + file(ca + ".crt"));
        return properties;
    }

    /** A TLS client socket to {@code 127.0.0.1:port} with the bundle, the server's name checked, not yet handshaken. */
    public static SSLSocket socket(SslBundle bundle, int port, int timeoutMillis) throws IOException {
        SSLSocket socket = (SSLSocket) bundle.createSslContext().getSocketFactory().createSocket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMillis);
        socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        return socket;
    }

    private PemSslStoreDetails keyStore(String name) {
        return PemSslStoreDetails.forCertificate("file:" + file(name + ".crt"))
                .withPrivateKey("file:" + file(name + ".key"));
    }

    private PemSslStoreDetails trustStore(String ca) {
        return PemSslStoreDetails.forCertificate("file:" + file(ca + ".crt"));
    }
}
