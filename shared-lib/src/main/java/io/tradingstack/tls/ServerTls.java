package io.tradingstack.tls;

import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
import java.util.Objects;

import javax.net.ssl.SSLServerSocket;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.TcpSocketSupport;

/**
 * TLS on a blocking ({@code TcpNet}) server port: Spring Integration's SSL server socket factory
 * over the bundle's {@code SSLContext}, with the bundle's protocols and ciphers and, for
 * {@link ClientAuth#NEED}, client certificates required.
 *
 * <p>The accept thread only accepts: the handshake happens on the connection's own thread
 * (see {@code DeadlineConnectionSupport}), bounded by the port's read timeout, so a client that
 * never completes one (a plaintext client, a stalled one) holds no one but itself.
 *
 * <p>Accepted sockets get no endpoint identification: Spring Integration's default socket
 * support would turn on the HTTPS check on them too, which would hold a client certificate to
 * the client's address, a check a server cannot make meaningfully.
 */
public final class ServerTls implements TcpSocketSupport {

    private final SslBundle bundle;
    private final ClientAuth clientAuth;

    public ServerTls(SslBundle bundle, ClientAuth clientAuth) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** Makes the factory {@code spec} describes listen with TLS. */
    public TcpNetServerConnectionFactorySpec applyTo(TcpNetServerConnectionFactorySpec spec) {
        return spec.socketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(bundle::createSslContext))
                .socketSupport(this);
    }

    @Override
    public void postProcessServerSocket(ServerSocket serverSocket) {
        if (serverSocket instanceof SSLServerSocket ssl) {
            SslOptions options = bundle.getOptions();
            if (options.getEnabledProtocols() != null) {
                ssl.setEnabledProtocols(options.getEnabledProtocols());
            }
            if (options.getCiphers() != null) {
                ssl.setEnabledCipherSuites(options.getCiphers());
            }
            // Accepted sockets inherit it.
            ssl.setNeedClientAuth(clientAuth == ClientAuth.NEED);
        }
    }

    @Override
    public void postProcessSocket(Socket socket) {
        // Everything an accepted socket needs it inherits from the server socket.
    }

    @Override
    public String toString() {
        return "TLS, client-auth=" + clientAuth.name().toLowerCase(Locale.ROOT);
    }
}
