package io.tradingstack.ordermanager;

import io.tradingstack.tcp.FrameworkLogging;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The order path's Spring Integration components build no per-order log text. */
class FrameworkLoggingServiceTest extends OrderManagerServiceTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void noComponentOfTheOrderFlowsLogsPerMessage() {
        FrameworkLogging.assertOffInEveryComponent(context, "orderFrameHandler", "orderInboundFlow.channel#0");
    }
}
