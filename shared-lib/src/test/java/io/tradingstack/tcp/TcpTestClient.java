package io.tradingstack.tcp;

import java.io.IOException;

import io.tradingstack.protocol.WireTestClient;

/** A client of the test's frame server over a plain socket. */
final class TcpTestClient extends WireTestClient {

    private TcpTestClient(int port) throws IOException {
        super(connectSocket(port, 0), "the frame server");
    }

    static TcpTestClient connect(int port) throws IOException {
        return new TcpTestClient(port);
    }
}
