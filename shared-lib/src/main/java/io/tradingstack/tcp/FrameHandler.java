package io.tradingstack.tcp;

import io.tradingstack.protocol.Decoded;

/**
 * The protocol of one {@link FrameServer} port: what the server calls for each connection it
 * accepted under its cap. The server has already done the rest: refusing a connection over the
 * cap, the read deadline of a started frame, the connection count and the close events.
 *
 * @param <C> the protocol's state of one connection, such as a session holding its
 *            {@link FrameConnection}
 */
public interface FrameHandler<C> {

    /**
     * A connection accepted, on its reading thread before its first frame is read.
     *
     * @return the protocol's state of it, never null: handed back with each of its frames and at its close
     */
    C onOpen(FrameConnection connection);

    /**
     * A frame of the connection, or the decode error standing for it, on the connection's reading
     * thread; not called once the connection is closing.
     */
    void onFrame(C connection, Decoded frame);

    /**
     * The connection closed, however; once, on the thread that closed it. Nothing to do by
     * default: a protocol that holds nothing beyond the state lets it go with the connection.
     */
    default void onClose(C connection) {
    }
}
