package io.tradingstack.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.springframework.boot.ssl.SslBundle;

/**
 * The clients a test points at a TLS port to see it refuse or serve them: a plaintext one, one
 * with a given bundle over TCP, and HTTPS. Every wait is bounded by {@link #TIMEOUT_MILLIS}, which
 * only a failing test waits out.
 *
 * <p>Published in shared-lib's test jar, for the services' TLS tests.
 */
public final class TlsClients {

    public static final int TIMEOUT_MILLIS = 30_000;

    private TlsClients() {
    }

    /**
     * A plaintext client sends one frame to the port and reads: true when the server closes the
     * connection having sent nothing or a TLS alert, no frame of the protocol (a plaintext server
     * would answer this frame with an {@code error} frame).
     */
    public static boolean plaintextClosed(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0, 0, 0, 2, '{', '}'});
            out.flush();
            return closedAfterAtMostAnAlert(socket.getInputStream());
        }
    }

    /** A TLS client with {@code bundle}: its handshake with the port, which fails with an {@link SSLException} or not. */
    public static SSLSocket handshake(SslBundle bundle, int port) throws IOException {
        SSLSocket socket = TestCertificates.socket(bundle, port, TIMEOUT_MILLIS);
        try {
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * True when a client with {@code bundle} is refused: its handshake fails, or (TLS 1.3, where
     * the server judges the client's certificate after the client's side is done) the server
     * closes the connection before answering the frame the client sends.
     */
    public static boolean refused(SslBundle bundle, int port) throws IOException {
        SSLSocket socket;
        try {
            socket = handshake(bundle, port);
        } catch (SSLException | SocketException e) {
            return true;
        }
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0, 0, 0, 2, '{', '}'});
            out.flush();
            return socket.getInputStream().read() == -1;
        } catch (SSLException | SocketException e) {
            return true;
        }
    }

    /** An HTTPS client whose trust is {@code bundle}'s; it checks the server's name. */
    public static HttpClient https(SslBundle bundle) {
        return HttpClient.newBuilder()
                .sslContext(bundle.createSslContext())
                .connectTimeout(Duration.ofMillis(TIMEOUT_MILLIS))
                .build();
    }

    /** GET {@code uri} with {@code client}. */
    public static HttpResponse<String> get(HttpClient client, String uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofMillis(TIMEOUT_MILLIS)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** TLS record type of an alert: the first byte of what a TLS server sends a client it refuses. */
    private static final int ALERT = 0x15;

    private static boolean closedAfterAtMostAnAlert(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        int total = 0;
        try {
            for (int read = in.read(buffer, total, buffer.length - total); read != -1;
                    read = in.read(buffer, total, buffer.length - total)) {
                total += read;
                // A frame of the protocol starts with its length header, 0x00 for any frame this short.
                if (buffer[0] != ALERT || total == buffer.length) {
                    return false;
                }
            }
            return true;
        } catch (SSLException | SocketException e) {
            return total == 0 || buffer[0] == ALERT;
        }
    }
}
