package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Logon;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A strategy token read from the secrets directory, one file named after the key (as a mounted
 * Kubernetes or Docker secret is), with the trailing newline an editor or {@code echo} leaves:
 * the token on nobody's command line is the one the order port requires.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecretsDirectoryServiceTest {

    @TempDir
    Path directory;

    @Test
    void shouldRequireTheTokenReadFromTheSecretsDirectory() throws Exception {
        Path secrets = Files.createDirectories(directory.resolve("secrets"));
        Files.writeString(secrets.resolve("trading.order-manager.tokens.alpha"), "alpha-from-file\n");
        try (TestPriceBook book = TestPriceBook.create(directory.resolve("pricebook.dat")).quote("AAPL", "100.00", "100.02");
                OrderManagerInstance manager = OrderManagerInstance.start(directory.resolve("orders.journal"), book.path(),
                    "TRADING_SECRETS_DIR=" + secrets + "/")) {
            try (OrderTestClient stranger = manager.connect()) {
                stranger.send(new Logon("alpha", "alpha-from-file\n"));
                assertThat(stranger.readError().reason()).as("the newline is not part of the token").isEqualTo("AUTH_FAILED");
            }
            try (OrderTestClient noLogon = manager.connect()) {
                noLogon.send(order("alpha-1"));
                assertThat(noLogon.readError().reason()).as("a token is configured: logon required").isEqualTo("AUTH_FAILED");
            }
            try (OrderTestClient alpha = manager.connect()) {
                alpha.send(new Logon("alpha", "alpha-from-file"));
                Execution execution = alpha.order(order("alpha-2"));
                assertThat(execution.status()).isEqualTo(ExecutionStatus.FILLED);
            }
        }
    }

    private static Order order(String clientOrderId) {
        return new Order(clientOrderId, "alpha", "AAPL", Side.BUY, 1, Prices.NONE, 0);
    }
}
