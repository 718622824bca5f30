package io.tradingstack.tcp;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.tradingstack.protocol.DecodeError;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Heartbeat;
import io.tradingstack.protocol.ReplayRequest;

/**
 * A small protocol for the frame server's tests, recording what the server called: a
 * {@code replay} is answered with a heartbeat carrying its {@code fromSeq}; a decode error
 * is refused with its reason, any other message as {@code UNEXPECTED_FRAME}.
 */
final class RecordingHandler implements FrameHandler<RecordingHandler.Session> {

    /** One connection as this protocol sees it. */
    record Session(FrameConnection connection) {
    }

    final BlockingQueue<String> opened = new LinkedBlockingQueue<>();
    final BlockingQueue<String> closed = new LinkedBlockingQueue<>();
    /** Close each new connection within onOpen, as a protocol that cannot serve it does. */
    volatile boolean closeOnOpen;

    @Override
    public Session onOpen(FrameConnection connection) {
        opened.add(connection.id());
        if (closeOnOpen) {
            connection.close();
        }
        return new Session(connection);
    }

    @Override
    public void onFrame(Session session, Decoded frame) {
        if (frame instanceof ReplayRequest request) {
            session.connection().send(new Heartbeat(1, request.fromSeq(), 1));
        } else if (frame instanceof DecodeError error) {
            session.connection().refuse(error.toErrorFrame());
        } else {
            session.connection().refuse(new ErrorFrame("UNEXPECTED_FRAME", "got " + frame));
        }
    }

    @Override
    public void onClose(Session session) {
        closed.add(session.connection().id());
    }
}
