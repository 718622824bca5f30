package io.tradingstack.orderbook;

import io.tradingstack.config.ConfigurationReference;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every key of this service as its configuration metadata describes it. */
class ConfigurationReferenceTest {

    @Test
    void shouldListEveryKeyWithItsTypeDefaultAndMeaning() throws Exception {
        ConfigurationReference.of("orderbook-service").assertDocumented();
    }
}
