package io.tradingstack.benchmarks.driver.raw;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.Prices;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The raw-socket baseline: the stack's own frames over plain Java sockets, one process per hop,
 * no framework, frames read by their length alone (a hop that needs one value finds that one
 * field's digits). What it measures is the floor of this machine for the same work: the stack's
 * figures are printed as ratios to it.
 *
 * <pre>
 *   throughput:  price-source ──► frame-sink                      (batched flushes, unpaced)
 *   latency:     news-source ──► strategy-relay ──► order-sink    (one order per news, request/reply)
 * </pre>
 *
 * Each role is a JVM of its own ({@code java -cp … RawHops <role> …}). A listening role prints
 * {@code LISTENING <port>}; the driver talks to a sink through its standard input ({@code mark},
 * {@code report}) and reads the answer from its standard output.
 */
public final class RawHops {

    private static final long SESSION = 1L;

    private RawHops() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: RawHops price-source HOST PORT [encode] | frame-sink [decode] | news-source HOST PORT RATE "
                + "| strategy-relay ORDER_HOST ORDER_PORT | order-sink EXPECTED_INTERVAL_NS");
        }
        switch (args[0]) {
            case "price-source" -> priceSource(args[1], Integer.parseInt(args[2]), args.length > 3 && "encode".equals(args[3]));
            case "frame-sink" -> frameSink(args.length > 1 && "decode".equals(args[1]));
            case "news-source" -> newsSource(args[1], Integer.parseInt(args[2]), Double.parseDouble(args[3]));
            case "strategy-relay" -> strategyRelay(args[1], Integer.parseInt(args[2]));
            case "order-sink" -> orderSink(Long.parseLong(args[1]));
            default -> throw new IllegalArgumentException("unknown role " + args[0]);
        }
    }

    /**
     * Price frames as fast as the socket takes them, written through a 64 KiB buffer: one flush
     * per full buffer. Pre-encoded frames, or with {@code encode} each tick encoded as it is sent.
     */
    private static void priceSource(String host, int port, boolean encode) throws IOException {
        MessageCodec codec = new MessageCodec();
        String[] symbols = {"AAPL", "MSFT", "GOOGL"};
        byte[][] frames = new byte[4096][];
        long bid = Prices.parse("187.25");
        for (int i = 0; i < frames.length; i++) {
            long now = SystemEpochNanoClock.instance().epochNanos();
            frames[i] = codec.toFrame(new PriceTick(SESSION, i + 1, symbols[i % symbols.length], bid + i, bid + i + 2_000_000, now));
        }
        try (Socket socket = connect(host, port)) {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            if (encode) {
                for (long seq = 1; ; seq++) {
                    int length = codec.encodeFrame(new PriceTick(SESSION, seq, symbols[(int) (seq % symbols.length)], bid + (seq & 1023),
                        bid + (seq & 1023) + 2_000_000, SystemEpochNanoClock.instance().epochNanos()));
                    out.write(codec.buffer(), 0, length);
                }
            }
            for (int i = 0; ; i = (i + 1) & (frames.length - 1)) {
                out.write(frames[i]);
            }
        }
    }

    /**
     * Counts frames by their length headers (with {@code decode}, also decodes each with the
     * stack's codec); {@code mark} on stdin prints {@code MARK <frames> <nanoTime>}.
     */
    private static void frameSink(boolean decode) throws IOException {
        MessageCodec codec = new MessageCodec();
        try (ServerSocket server = listen()) {
            Socket socket = server.accept();
            socket.setReceiveBufferSize(4 << 20);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 18));
            long[] frames = {0};
            Object lock = new Object();
            control(command -> {
                synchronized (lock) {
                    return "MARK " + frames[0] + " " + System.nanoTime();
                }
            });
            byte[] payload = new byte[65_536];
            while (true) {
                int length = in.readInt();
                in.readFully(payload, 0, length);
                if (decode && !(codec.decode(payload, 0, length) instanceof PriceTick)) {
                    throw new IllegalStateException("not a price frame: " + new String(payload, 0, length, StandardCharsets.UTF_8));
                }
                synchronized (lock) {
                    frames[0]++;
                }
            }
        }
    }

    /** News frames at a fixed rate, each stamped with the wall clock as it is written and flushed at once. */
    private static void newsSource(String host, int port, double perSecond) throws IOException {
        MessageCodec codec = new MessageCodec();
        long periodNanos = Math.round(1e9 / perSecond);
        try (Socket socket = connect(host, port)) {
            OutputStream out = socket.getOutputStream();
            long next = System.nanoTime();
            for (long seq = 1; ; seq++) {
                while (next - System.nanoTime() > 0) {
                    LockSupport.parkNanos(next - System.nanoTime());
                }
                next += periodNanos;
                NewsTick news = new NewsTick(SESSION, seq, "AAPL", 72, "Raw baseline headline of about the stack's length",
                    SystemEpochNanoClock.instance().epochNanos());
                int length = codec.encodeFrame(news);
                out.write(codec.buffer(), 0, length);
                out.flush();
            }
        }
    }

    /**
     * For every news frame, one order frame carrying the news's {@code ts} as {@code originTs}
     * (the template's digits patched in place), then waits for its execution: one order in flight,
     * as the stack's order client.
     */
    private static void strategyRelay(String orderHost, int orderPort) throws IOException {
        byte[] template = ("{\"type\":\"order\",\"clientOrderId\":\"raw-relay-1\",\"strategyId\":\"raw\",\"symbol\":\"AAPL\","
            + "\"side\":\"BUY\",\"quantity\":100,\"originTs\":0000000000000000000}").getBytes(StandardCharsets.US_ASCII);
        int digits = template.length - 1 - 19;
        byte[] order = new byte[4 + template.length];
        writeLength(order, template.length);
        System.arraycopy(template, 0, order, 4, template.length);
        byte[] tsKey = "\"ts\":".getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket server = listen(); Socket orders = connect(orderHost, orderPort)) {
            Socket news = server.accept();
            news.setTcpNoDelay(true);
            DataInputStream newsIn = new DataInputStream(new BufferedInputStream(news.getInputStream(), 1 << 16));
            DataInputStream ordersIn = new DataInputStream(new BufferedInputStream(orders.getInputStream(), 1 << 16));
            OutputStream ordersOut = orders.getOutputStream();
            byte[] payload = new byte[65_536];
            while (true) {
                int length = newsIn.readInt();
                newsIn.readFully(payload, 0, length);
                long ts = longAfter(payload, length, tsKey);
                for (int i = 18; i >= 0; i--, ts /= 10) {
                    order[4 + digits + i] = (byte) ('0' + ts % 10);
                }
                ordersOut.write(order);
                ordersOut.flush();
                int replyLength = ordersIn.readInt();
                ordersIn.readFully(payload, 0, replyLength);
            }
        }
    }

    /**
     * Answers every order with one execution and records wall clock now − {@code originTs}: the
     * baseline's tick-to-trade, corrected for coordinated omission at the news interval and as
     * measured. {@code report} on stdin prints {@code REPORT} and, for each of the two in turn,
     * {@code <count> <p50> <p99> <p99.9> <max> <mean>} in nanoseconds for what was recorded since
     * the previous report.
     */
    private static void orderSink(long expectedIntervalNanos) throws IOException {
        Recorder recorder = new Recorder(3);
        Recorder uncorrected = new Recorder(3);
        byte[] originKey = "\"originTs\":".getBytes(StandardCharsets.US_ASCII);
        byte[] execution = new MessageCodec().toFrame(Execution.filled("raw-relay-1", 1, 100,
            Prices.parse("187.27"), SystemEpochNanoClock.instance().epochNanos()));
        try (ServerSocket server = listen()) {
            Socket socket = server.accept();
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            OutputStream out = socket.getOutputStream();
            control(command -> "REPORT " + summary(recorder.getIntervalHistogram()) + " " + summary(uncorrected.getIntervalHistogram()));
            byte[] payload = new byte[65_536];
            while (true) {
                int length = in.readInt();
                in.readFully(payload, 0, length);
                long decided = SystemEpochNanoClock.instance().epochNanos();
                long originTs = longAfter(payload, length, originKey);
                long tickToTrade = Math.max(0, decided - originTs);
                recorder.recordValueWithExpectedInterval(tickToTrade, expectedIntervalNanos);
                uncorrected.recordValue(tickToTrade);
                out.write(execution);
                out.flush();
            }
        }
    }

    private static String summary(Histogram h) {
        return h.getTotalCount() + " " + h.getValueAtPercentile(50) + " " + h.getValueAtPercentile(99) + " "
            + h.getValueAtPercentile(99.9) + " " + h.getMaxValue() + " " + Math.round(h.getMean());
    }

    /** The non-negative integer whose digits follow {@code key} in the payload. */
    static long longAfter(byte[] payload, int length, byte[] key) {
        outer:
        for (int i = 0; i + key.length <= length; i++) {
            for (int k = 0; k < key.length; k++) {
                if (payload[i + k] != key[k]) {
                    continue outer;
                }
            }
            long value = 0;
            for (int j = i + key.length; j < length && payload[j] >= '0' && payload[j] <= '9'; j++) {
                value = value * 10 + (payload[j] - '0');
            }
            return value;
        }
        throw new IllegalArgumentException("no " + new String(key, StandardCharsets.US_ASCII) + " in the frame");
    }

    private static void writeLength(byte[] frame, int length) {
        frame[0] = (byte) (length >>> 24);
        frame[1] = (byte) (length >>> 16);
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
    }

    private static Socket connect(String host, int port) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static ServerSocket listen() throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        System.out.println("LISTENING " + server.getLocalPort());
        System.out.flush();
        return server;
    }

    /** Answers each line of standard input on standard output; the JVM exits when the driver closes it. */
    private static void control(java.util.function.Function<String, String> answer) {
        Thread thread = new Thread(() -> {
            try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
                String line;
                while ((line = commands.readLine()) != null) {
                    System.out.println(answer.apply(line.trim()));
                    System.out.flush();
                }
            } catch (IOException e) {
                // the driver went away
            }
            System.exit(0);
        }, "raw-control");
        thread.setDaemon(true);
        thread.start();
    }
}
