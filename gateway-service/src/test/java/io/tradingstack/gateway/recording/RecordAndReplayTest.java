package io.tradingstack.gateway.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tradingstack.gateway.FeedTestClient;
import io.tradingstack.gateway.GatewayApplication;
import io.tradingstack.gateway.feed.FeedKind;
import io.tradingstack.gateway.feed.FeedServers;
import io.tradingstack.gateway.feed.NewsItem;
import io.tradingstack.gateway.feed.PriceQuote;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.ReplayRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One gateway records what its feeds send; a second one, started in replay mode on that file,
 * sends the same prices and news in the same order under its own session. Two application
 * contexts in turn, started here rather than by the test framework, since the second needs the
 * first's file.
 */
@Timeout(90)
class RecordAndReplayTest {

    private static final int PRICES = 60;
    private static final int NEWS = 6;

    @TempDir
    private Path directory;

    @Test
    void shouldRecordWhatTheFeedsSentAndReplayItInOrderUnderANewSession() throws Exception {
        Path csv = directory.resolve("recordings/feeds.csv");

        List<PriceTick> sentPrices;
        List<NewsTick> sentNews;
        long recordingSession;
        try (ConfigurableApplicationContext recorder = start("--trading.gateway.recorder.path=" + csv,
                "--trading.gateway.market.ticks-per-second=200", "--trading.gateway.news.per-second=20")) {
            FeedServers servers = listening(recorder);
            recordingSession = servers.session();
            sentPrices = readFromTheStart(servers, FeedKind.PRICE, PriceTick.class, PRICES);
            sentNews = readFromTheStart(servers, FeedKind.NEWS, NewsTick.class, NEWS);
        }

        List<RecordedRow> rows = readRows(csv);
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8).get(0)).isEqualTo(FeedCsv.HEADER);
        assertThat(rowsOf(rows, FeedKind.PRICE).subList(0, PRICES)).isEqualTo(sentPrices.stream()
                .map(tick -> new RecordedRow(FeedKind.PRICE, tick.ts(), new PriceQuote(tick.symbol(), tick.bid(), tick.ask())))
                .toList());
        assertThat(rowsOf(rows, FeedKind.NEWS).subList(0, NEWS)).isEqualTo(sentNews.stream()
                .map(news -> new RecordedRow(FeedKind.NEWS, news.ts(), new NewsItem(news.symbol(), news.sentiment(), news.headline())))
                .toList());
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8)).anySatisfy(line ->
                assertThat(line).startsWith("price," + recordingSession + ",1,"));

        try (ConfigurableApplicationContext replayer = start("--trading.gateway.source=replay",
                "--trading.gateway.replay.path=" + csv, "--trading.gateway.replay.speed=0")) {
            FeedServers servers = listening(replayer);
            assertThat(servers.session()).isNotEqualTo(recordingSession);

            List<PriceTick> replayedPrices = readFromTheStart(servers, FeedKind.PRICE, PriceTick.class, PRICES);
            List<NewsTick> replayedNews = readFromTheStart(servers, FeedKind.NEWS, NewsTick.class, NEWS);

            for (int i = 0; i < PRICES; i++) {
                PriceTick sent = sentPrices.get(i);
                PriceTick replayed = replayedPrices.get(i);
                assertThat(replayed).isEqualTo(new PriceTick(servers.session(), i + 1, sent.symbol(), sent.bid(),
                        sent.ask(), replayed.ts()));
            }
            for (int i = 0; i < NEWS; i++) {
                NewsTick sent = sentNews.get(i);
                NewsTick replayed = replayedNews.get(i);
                assertThat(replayed).isEqualTo(new NewsTick(servers.session(), i + 1, sent.symbol(), sent.sentiment(),
                        sent.headline(), replayed.ts()));
            }
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--trading.gateway.feeds.price-port=0",
                "--trading.gateway.feeds.news-port=0", "--spring.main.banner-mode=off"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(GatewayApplication.class).run(all.toArray(new String[0]));
    }

    private static FeedServers listening(ConfigurableApplicationContext context) throws InterruptedException {
        FeedServers servers = context.getBean(FeedServers.class);
        assertThat(servers.awaitListening(Duration.ofSeconds(10))).isTrue();
        return servers;
    }

    /** Subscribes from seq 1 of the session (a reset to 1 would do too) and reads {@code count} messages. */
    private static <T extends io.tradingstack.protocol.Message> List<T> readFromTheStart(FeedServers servers,
            FeedKind feed, Class<T> type, int count) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> servers.lastSeq(feed) >= 1);
        try (FeedTestClient client = FeedTestClient.connect(servers.port(feed))) {
            client.send(new ReplayRequest(1, servers.session()));
            List<T> messages = client.readData(type, count);
            for (int i = 0; i < count; i++) {
                assertThat(messages.get(i)).extracting("seq").isEqualTo(i + 1L);
            }
            return messages;
        }
    }

    private static List<RecordedRow> readRows(Path csv) throws Exception {
        List<RecordedRow> rows = new ArrayList<>();
        try (FeedCsvReader reader = new FeedCsvReader(Files.newBufferedReader(csv, StandardCharsets.UTF_8))) {
            RecordedRow row;
            while ((row = reader.next()) != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<RecordedRow> rowsOf(List<RecordedRow> rows, FeedKind feed) {
        return rows.stream().filter(row -> row.feed() == feed).toList();
    }
}
