package io.tradingstack.gateway.feed;

import io.tradingstack.tcp.FrameworkLogging;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** The feed servers' Spring Integration components build no per-message log text. */
@SpringBootTest(properties = {
        "trading.gateway.feeds.price-port=0",
        "trading.gateway.feeds.news-port=0"})
@Timeout(60)
class FrameworkLoggingTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void noComponentOfTheFeedFlowsLogsPerMessage() {
        FrameworkLogging.assertOffInEveryComponent(context, "priceFeedFrameHandler", "newsFeedFrameHandler");
    }
}
