package io.tradingstack.tcp;

import java.util.Map;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * Maps what one read of a connection decoded (a batch of frames) to the message its inbound
 * adapter sends on, with the one header the stack reads: the connection's id
 * ({@link IpHeaders#CONNECTION_ID}), which says whose frames they are.
 *
 * <p>Spring Integration's own {@link TcpMessageMapper} builds every message twice over (mutable
 * headers, then a builder's copy), each time with a random {@code id} and a timestamp, and adds
 * the peer's host name, address and port and the socket's local address, which it asks the
 * socket for again on every message (a {@code getsockname} system call). Nothing in the stack
 * reads those: each service knows its peers from the connection's open event. On the
 * tick-to-trade path that work is paid on every hop, once per read; this mapper pays one small
 * map. Outbound it is Spring Integration's mapper unchanged.
 */
public final class FrameMessageMapper extends TcpMessageMapper {

    /** The batch with its connection's id; null (nothing to send on) when the read brought no payload. */
    @Override
    public Message<?> toMessage(TcpConnection connection, Map<String, Object> headers) {
        Object payload = connection.getPayload();
        if (payload == null) {
            return null;
        }
        return new GenericMessage<>(payload, new FrameHeaders(Map.of(IpHeaders.CONNECTION_ID, connection.getConnectionId())));
    }
}
