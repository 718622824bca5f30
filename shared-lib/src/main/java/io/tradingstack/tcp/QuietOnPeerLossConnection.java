package io.tradingstack.tcp;

import java.io.IOException;
import java.net.Socket;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;

/**
 * A Spring Integration connection whose read failures are not logged at ERROR. Spring
 * Integration logs a failed read at ERROR unless the connection closed itself; on this
 * protocol a peer that goes away (killed, reset, a gateway or order manager restarting) is
 * routine, and every service logs each disconnect once itself, with its reason. Use it as
 * {@code .connectionSupport(QuietOnPeerLossConnection::new)}; a server that needs more from its
 * connections extends it.
 */
public class QuietOnPeerLossConnection extends TcpNetConnection {

    private final Socket socket;

    public QuietOnPeerLossConnection(Socket socket, boolean server, boolean lookupHost,
            ApplicationEventPublisher applicationEventPublisher, String connectionFactoryName) {
        super(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
        this.socket = socket;
    }

    /**
     * Ends the connection from another thread as the loss of its peer would: the socket closes
     * under the read loop, whose read fails, and that thread closes the connection and publishes
     * its close event. Unlike {@link #close()}, which publishes it on the calling thread, this
     * keeps every event of the connection on its reading thread.
     */
    public void closeUnderReadLoop() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way; the read loop reports the end
        }
    }

    @Override
    protected boolean handleReadException(Exception exception) {
        setNoReadErrorOnClose(true);
        return super.handleReadException(exception);
    }
}
