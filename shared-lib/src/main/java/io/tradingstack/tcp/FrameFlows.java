package io.tradingstack.tcp;

import io.tradingstack.protocol.DecodedFrames;
import io.tradingstack.protocol.Decoded;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Tcp;

/**
 * The Spring Integration flows of a {@link FrameServer}: a thin inbound flow from its
 * connection factory to {@link FrameServer#receive}, and the error flow for a frame whose
 * handling threw (a bug, never bad input: that is answered on its connection).
 */
public final class FrameFlows {

    private static final Log log = LogFactory.getLog(FrameFlows.class);

    private FrameFlows() {
    }

    /**
     * Each decoded frame, or its decode error, goes with its connection id to the server.
     *
     * @param adapterId    the id of the inbound channel adapter endpoint
     * @param handlerId    the id of the endpoint that hands the frame to the server
     * @param errorChannel where a frame whose handling threw goes, see {@link #inboundErrors}
     */
    public static IntegrationFlow inbound(FrameServer<?> server, String adapterId, String handlerId,
            String errorChannel) {
        return IntegrationFlow.from(Tcp.inboundAdapter(server.factory())
                        .id(adapterId)
                        .errorChannel(errorChannel))
                .handle(DecodedFrames.class, (frames, headers) -> {
                    server.receive(headers.get(IpHeaders.CONNECTION_ID, String.class), frames);
                    return null;
                }, endpoint -> endpoint.id(handlerId))
                .get();
    }

    /**
     * Logs a frame whose handling threw, with its stack; the connection is left as it was.
     *
     * @param what names the servers in the log line, e.g. {@code feed}
     */
    public static IntegrationFlow inboundErrors(String errorChannel, String handlerId, String what) {
        return IntegrationFlow.from(errorChannel)
                .handle(Throwable.class, (failure, headers) -> {
                    log.error(what + " frame handling failed", failure);
                    return null;
                }, endpoint -> endpoint.id(handlerId))
                .get();
    }
}
