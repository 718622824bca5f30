package io.tradingstack.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.integration.ip.dsl.TcpNetClientConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.TcpSocketSupport;

/**
 * TLS on a blocking ({@code TcpNet}) client connection: Spring Integration's SSL socket factory
 * over the bundle's {@code SSLContext}; the server must present a certificate chain the bundle
 * trusts, issued for the host connected to (the HTTPS endpoint identification: a name or an IP
 * address in its subject alternative names). When the bundle has a key, it is offered as the
 * client certificate.
 *
 * <p>The handshake is made right after the connect, on the connecting thread and within the
 * handshake timeout, so that a server that is not what it should be (another CA, a wrong name, a
 * plaintext port that never answers) is a failed connect with its reason, which the clients log
 * once and retry with backoff, rather than a connection that fails at its first read.
 */
public final class ClientTls implements TcpSocketSupport {

    private final SslBundle bundle;
    private final int handshakeTimeoutMillis;

    public ClientTls(SslBundle bundle, Duration handshakeTimeout) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.handshakeTimeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, handshakeTimeout.toMillis()));
    }

    /** Makes the factory {@code spec} describes connect with TLS. */
    public TcpNetClientConnectionFactorySpec applyTo(TcpNetClientConnectionFactorySpec spec) {
        return spec.socketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(bundle::createSslContext))
                .socketSupport(this);
    }

    @Override
    public void postProcessServerSocket(ServerSocket serverSocket) {
        // A client has none.
    }

    /**
     * On the connected socket, before Spring Integration wraps it in a connection.
     *
     * @throws UncheckedIOException when the handshake fails; the socket is closed
     */
    @Override
    public void postProcessSocket(Socket socket) {
        if (!(socket instanceof SSLSocket ssl)) {
            return;
        }
        try {
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            SslOptions options = bundle.getOptions();
            if (options.getEnabledProtocols() != null) {
                parameters.setProtocols(options.getEnabledProtocols());
            }
            if (options.getCiphers() != null) {
                parameters.setCipherSuites(options.getCiphers());
            }
            ssl.setSSLParameters(parameters);
            int soTimeout = ssl.getSoTimeout();
            ssl.setSoTimeout(handshakeTimeoutMillis);
            ssl.startHandshake();
            ssl.setSoTimeout(soTimeout);
        } catch (IOException e) {
            try {
                ssl.close();
            } catch (IOException ignored) {
                // closing a socket whose handshake failed
            }
            throw new UncheckedIOException("TLS handshake with " + socket.getInetAddress().getHostAddress() + ":"
                    + socket.getPort() + " failed", e);
        }
    }

    @Override
    public String toString() {
        return "TLS";
    }
}
