package io.tradingstack.gateway;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;

import io.tradingstack.gateway.feed.FeedKind;
import io.tradingstack.protocol.Framing;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Symbols;
import io.tradingstack.tls.ServerTlsProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the gateway reads from configuration, under {@code trading.gateway}. Every value
 * has a default that runs on localhost with the original assignment's numbers; the whole tree
 * is validated at start-up and every violation is reported at once.
 *
 * @param source    where the feeds' data comes from: the simulation, or a recorded CSV file
 * @param feeds     the two TCP feed servers
 * @param market    the price simulation
 * @param news      the news simulation
 * @param recorder  the CSV recorder of what the feeds sent
 * @param replay    playing a recorded CSV file instead of the simulation
 */
@ConfigurationProperties("trading.gateway")
@Validated
public record GatewayProperties(
        @DefaultValue("simulation") @NotNull Source source,
        @DefaultValue @Valid Feeds feeds,
        @DefaultValue @Valid Market market,
        @DefaultValue @Valid News news,
        @DefaultValue @Valid Recorder recorder,
        @DefaultValue @Valid Replay replay) {

    /** Where the published data comes from. */
    public enum Source {
        /** Geometric Brownian motion prices and random news. */
        SIMULATION,
        /** A CSV file written by the recorder, played at its recorded pace or faster. */
        REPLAY
    }

    @AssertTrue(message = "trading.gateway.replay.path is required when trading.gateway.source=replay")
    public boolean isReplayPathSetWhenReplaying() {
        return source != Source.REPLAY || replay == null || replay.path() != null;
    }

    /**
     * The price and news feed servers.
     *
     * @param bindAddress       the interface both servers listen on; loopback unless configured
     * @param pricePort         price feed TCP port; 0 picks a free one
     * @param newsPort          news feed TCP port; 0 picks a free one
     * @param maxConnections    connections each feed accepts at once; the next gets {@code TOO_MANY_CONNECTIONS}
     * @param replayTimeout     how long a new connection has to send its {@code replay} before {@code NO_REPLAY}
     * @param readTimeout       a frame started and not finished within this closes its connection
     *                          ({@code READ_TIMEOUT}); a subscriber may stay silent after its replay for ever
     * @param heartbeatInterval silence on a connection after which a heartbeat is sent
     * @param ringSize          messages each feed keeps for replay
     * @param maxQueuedBytes    a subscriber whose unsent frames pass this is cut off: about a second of
     *                          prices at 250,000 ticks/s, so a subscriber that starts cold (its JIT not
     *                          yet warm) or pauses for a collection is not cut; and a full ring replay
     * @param maxBatchBytes     the most one send (one flush) carries
     * @param maxFrameLength    largest frame payload read or written; at least 256 so a news frame fits
     * @param socketSendBuffer  SO_SNDBUF of accepted sockets; 0 keeps the operating system's (auto-tuned) default
     * @param publisherWrites   the feeds whose publishing thread writes a small burst to an idle subscriber's
     *                          socket itself instead of waking that subscriber's sender (one wake-up less per
     *                          burst: some 50 µs on a small VM, and fewer threads competing for the cores);
     *                          both feeds by default; empty for none
     * @param publisherWriteMaxBytes the largest burst the publishing thread writes itself; a larger one (a high
     *                          rate) is left to the subscriber's sender, so that the publisher does not write
     *                          every subscriber's burst in turn
     * @param publisherWriteTimeout a write on the publishing thread that blocks this long (the subscriber's
     *                          socket buffers are full: it stopped reading) cuts that subscriber off, so that it
     *                          holds the publisher and the other subscribers no longer
     * @param tls               TLS on both feed ports: the SSL bundle with the gateway's key and certificate
     *                          ({@code bundle}; empty, the default, keeps them plaintext) and whether
     *                          subscribers must present a certificate ({@code client-auth})
     */
    public record Feeds(
            @DefaultValue("127.0.0.1") @NotBlank String bindAddress,
            @DefaultValue("8000") @Min(0) @Max(65535) int pricePort,
            @DefaultValue("8001") @Min(0) @Max(65535) int newsPort,
            @DefaultValue("100") @Min(1) int maxConnections,
            @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration replayTimeout,
            @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration readTimeout,
            @DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration heartbeatInterval,
            @DefaultValue("10000") @Min(1) @Max(10_000_000) int ringSize,
            @DefaultValue("32MB") @NotNull DataSize maxQueuedBytes,
            @DefaultValue("256KB") @NotNull DataSize maxBatchBytes,
            @DefaultValue("65536") @Min(256) @Max(Framing.LARGEST_MAX_FRAME_LENGTH) int maxFrameLength,
            @DefaultValue("0B") @NotNull DataSize socketSendBuffer,
            @DefaultValue("price,news") @NotNull Set<FeedKind> publisherWrites,
            @DefaultValue("100ms") @NotNull @DurationMin(millis = 1) Duration publisherWriteTimeout,
            @DefaultValue("2KB") @NotNull DataSize publisherWriteMaxBytes,
            @DefaultValue @NotNull @Valid @NestedConfigurationProperty ServerTlsProperties tls) {

        @AssertTrue(message = "max-queued-bytes and max-batch-bytes must be positive")
        public boolean isQueueLimitsPositive() {
            return maxQueuedBytes == null || maxBatchBytes == null
                    || (maxQueuedBytes.toBytes() > 0 && maxBatchBytes.toBytes() > 0);
        }

        @AssertTrue(message = "publisher-write-max-bytes must be positive")
        public boolean isPublisherWriteMaxBytesPositive() {
            return publisherWriteMaxBytes == null || publisherWriteMaxBytes.toBytes() > 0;
        }

        @AssertTrue(message = "socket-send-buffer must be 0 (operating system default) to 2GB")
        public boolean isSocketSendBufferAnInt() {
            return socketSendBuffer == null
                    || (socketSendBuffer.toBytes() >= 0 && socketSendBuffer.toBytes() <= Integer.MAX_VALUE);
        }
    }

    /**
     * Per-symbol geometric Brownian motion: dS = μ S dt + σ S dW, one step per tick of a symbol.
     *
     * @param symbols             the symbols quoted, in round-robin order
     * @param ticksPerSecond      price ticks per second over all symbols; 0 publishes no prices
     * @param seed                the same seed repeats the same price paths
     * @param defaultInitialPrice start price of a symbol absent from {@code initialPrices}
     * @param initialPrices       start price per symbol
     * @param drift               μ, per year
     * @param volatility          σ, per square root of a year
     * @param timeStep            market time one tick of a symbol stands for (dt)
     * @param tickSize            prices are multiples of this
     * @param spread              ask minus bid, rounded up to whole ticks (at least one)
     */
    public record Market(
            @DefaultValue({"AAPL", "MSFT", "GOOGL"}) @NotEmpty List<String> symbols,
            @DefaultValue("100") @PositiveOrZero double ticksPerSecond,
            @DefaultValue("20240601") long seed,
            @DefaultValue("100.00") @NotNull @Positive BigDecimal defaultInitialPrice,
            Map<String, @NotNull @Positive BigDecimal> initialPrices,
            @DefaultValue("0.0") double drift,
            @DefaultValue("0.30") @PositiveOrZero double volatility,
            @DefaultValue("1s") @NotNull @DurationMin(nanos = 1) Duration timeStep,
            @DefaultValue("0.01") @NotNull @Positive BigDecimal tickSize,
            @DefaultValue("0.02") @NotNull @Positive BigDecimal spread) {

        public Market {
            initialPrices = initialPrices == null ? Map.of() : Map.copyOf(initialPrices);
        }

        /** The price a symbol starts at. */
        public BigDecimal initialPrice(String symbol) {
            return initialPrices.getOrDefault(symbol, defaultInitialPrice);
        }

        @AssertTrue(message = "symbols must be distinct, 1-16 printable ASCII characters without space, quote or backslash")
        public boolean isSymbolsValid() {
            return symbols == null || (symbols.stream().allMatch(Symbols::isValid)
                    && new HashSet<>(symbols).size() == symbols.size());
        }

        @AssertTrue(message = "prices (tick-size, spread, default-initial-price, initial-prices) take at most 8 decimals")
        public boolean isPricesFixedPoint() {
            return fitsFixedPoint(tickSize) && fitsFixedPoint(spread) && fitsFixedPoint(defaultInitialPrice)
                    && initialPrices.values().stream().allMatch(GatewayProperties::fitsFixedPoint);
        }
    }

    /**
     * @param perSecond news items per second; 0 publishes none (0.2 is one every 5 s)
     * @param seed      the same seed repeats the same news
     */
    public record News(
            @DefaultValue("2") @PositiveOrZero double perSecond,
            @DefaultValue("20240602") long seed) {
    }

    /**
     * @param path the CSV file written with every message the feeds send; unset (the default) records nothing
     */
    public record Recorder(Path path) {

        public boolean enabled() {
            return path != null;
        }
    }

    /**
     * @param path             the recorded CSV file played when {@code source=replay}
     * @param speed            1 plays at the recorded pace, 10 ten times faster; 0 as fast as possible
     * @param asFastAsPossible ignore the recorded pace (same as speed 0)
     * @param loop             start again from the top at the end of the file
     */
    public record Replay(
            Path path,
            @DefaultValue("1.0") @PositiveOrZero double speed,
            @DefaultValue("false") boolean asFastAsPossible,
            @DefaultValue("false") boolean loop) {

        /** True when rows are published without waiting for their recorded time. */
        public boolean unpaced() {
            return asFastAsPossible || speed == 0.0;
        }
    }

    static boolean fitsFixedPoint(BigDecimal price) {
        return price == null || price.stripTrailingZeros().scale() <= Prices.DECIMALS;
    }
}
