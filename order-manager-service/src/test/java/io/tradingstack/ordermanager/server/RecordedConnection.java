package io.tradingstack.ordermanager.server;

import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSession;
import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.SocketInfo;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.Message;

/**
 * A connection with no socket behind it: keeps every payload sent, in order, and whether it was
 * closed, for a test that drives the order protocol frame by frame.
 */
final class RecordedConnection implements TcpConnection {

    private final List<Object> sent = new ArrayList<>();
    private boolean open = true;

    /** The payloads sent so far: executions and error frames. */
    List<Object> sent() {
        return sent;
    }

    @Override
    public void send(Message<?> message) {
        sent.add(message.getPayload());
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String getConnectionId() {
        return "recorded";
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("nothing to read: the test hands the protocol its frames");
    }

    @Override
    public Object getPayload() {
        return null;
    }

    @Override
    public String getHostName() {
        return "localhost";
    }

    @Override
    public String getHostAddress() {
        return "127.0.0.1";
    }

    @Override
    public int getPort() {
        return 0;
    }

    @Override
    public boolean isServer() {
        return true;
    }

    @Override
    public Deserializer<?> getDeserializer() {
        return null;
    }

    @Override
    public Serializer<?> getSerializer() {
        return null;
    }

    @Override
    public TcpListener getListener() {
        return null;
    }

    @Override
    public long incrementAndGetConnectionSequence() {
        return 0;
    }

    @Override
    public Object getDeserializerStateKey() {
        return null;
    }

    @Override
    public SSLSession getSslSession() {
        return null;
    }

    @Override
    public SocketInfo getSocketInfo() {
        return null;
    }
}
