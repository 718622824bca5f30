package io.tradingstack.ordermanager;

import io.tradingstack.protocol.Cancel;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.WireTestClient;
import java.io.IOException;
import java.net.Socket;

/** An order client over a plain socket, as a test sees the wire: an order, then its execution. */
public final class OrderTestClient extends WireTestClient {

    private OrderTestClient(Socket socket) throws IOException {
        super(socket, "the order manager");
    }

    public static OrderTestClient connect(int port) throws IOException {
        return new OrderTestClient(connectSocket(port, 0));
    }

    /** A client whose socket's receive buffer is this small, so that a server writing to it soon blocks when it stops reading. */
    public static OrderTestClient connectWithReceiveBuffer(int port, int receiveBufferSize) throws IOException {
        return new OrderTestClient(connectSocket(port, receiveBufferSize));
    }

    /** An order client over a socket already connected, e.g. a TLS one. */
    public static OrderTestClient over(Socket socket) throws IOException {
        return new OrderTestClient(socket);
    }

    /** Sends an order and reads its execution, which must be the next frame. */
    public Execution order(Order order) throws IOException {
        send(order);
        return readExecution();
    }

    /** Sends a cancel and reads its execution, which must be the next frame. */
    public Execution cancel(Cancel cancel) throws IOException {
        send(cancel);
        return readExecution();
    }

    public Execution readExecution() throws IOException {
        return read(Execution.class);
    }

    public ErrorFrame readError() throws IOException {
        return read(ErrorFrame.class);
    }
}
