package io.tradingstack.gateway.feed;

import java.net.Socket;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Creates the feed servers' connections. A feed connection only ever reads the subscriber's
 * one {@code replay}, so a read that fails afterwards means the subscriber went away (killed,
 * reset by its peer): routine for a feed, and reported by the close event that follows. Spring
 * Integration logs such a read failure at ERROR unless the connection closed itself, so these
 * connections mark every read failure as expected and it is logged at DEBUG.
 */
final class FeedConnectionSupport implements TcpNetConnectionSupport {

    @Override
    public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
            ApplicationEventPublisher applicationEventPublisher, String connectionFactoryName) {
        return new QuietOnPeerLossConnection(socket, server, lookupHost, applicationEventPublisher,
                connectionFactoryName);
    }

    private static final class QuietOnPeerLossConnection extends TcpNetConnection {

        QuietOnPeerLossConnection(Socket socket, boolean server, boolean lookupHost,
                ApplicationEventPublisher applicationEventPublisher, String connectionFactoryName) {
            super(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
        }

        @Override
        protected boolean handleReadException(Exception exception) {
            setNoReadErrorOnClose(true);
            return super.handleReadException(exception);
        }
    }
}
