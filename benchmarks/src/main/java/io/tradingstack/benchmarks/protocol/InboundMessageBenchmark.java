package io.tradingstack.benchmarks.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

import io.tradingstack.protocol.DecodedFrames;
import io.tradingstack.protocol.FrameBatchReader;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.tcp.FrameMessageMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.messaging.Message;

/**
 * What every read of a connection costs between the decoder and the inbound adapter: turning
 * the decoded batch into a Spring Integration message. Spring Integration's own
 * {@link TcpMessageMapper} (the baseline, in the same run) against the stack's
 * {@link FrameMessageMapper}, both over a real loopback connection, since the default mapper asks
 * the socket for its local address on every message. The payload is fixed, so only the mapping
 * is measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InboundMessageBenchmark {

    private final TcpMessageMapper springMapper = new TcpMessageMapper();
    private final FrameMessageMapper frameMapper = new FrameMessageMapper();
    private ServerSocket server;
    private Socket client;
    private Socket accepted;
    private TcpNetConnection connection;

    @Setup
    public void setUp() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = new Socket();
        client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
        accepted = server.accept();
        MessageCodec codec = new MessageCodec();
        // One read's batch, as the frame deserializer hands it on: a news frame, decoded.
        DecodedFrames batch = new FrameBatchReader(new ByteArrayInputStream(codec.toFrame(CodecBenchmark.sample("news"))), codec)
            .read();
        connection = new TcpNetConnection(accepted, true, false, null, "benchmark") {
            @Override
            public Object getPayload() {
                return batch;
            }
        };
    }

    @TearDown
    public void tearDown() throws IOException {
        connection.close();
        client.close();
        server.close();
    }

    @Benchmark
    public Message<?> springIntegrationMapper() {
        return springMapper.toMessage(connection);
    }

    @Benchmark
    public Message<?> frameMessageMapper() {
        return frameMapper.toMessage(connection);
    }
}
