package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import io.tradingstack.security.TestOperator;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The kill switch over a running order manager, through its ports only: an operator halts
 * trading (new orders REJECTED {@code TRADING_HALTED}, journaled, absent from the positions; an
 * order decided before still gets its original execution), the halt survives a restart, shows in
 * health and in a gauge, and a release lets orders fill again. Without credentials, or with wrong
 * ones, a switch is 401 with a problem detail, counted, and changes nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KillSwitchServiceTest extends JournaledServiceTest {

    private static final String HALT = "{\"reason\":\"runaway strategy\"}";
    private static final String RELEASE = "{\"reason\":\"strategy fixed\"}";

    @Test
    void shouldRejectNewOrdersWhileHaltedKeepTheHaltAcrossARestartAndFillAgainOnceReleased() throws Exception {
        Execution beforeHalt;
        Execution halted;
        try (OrderManagerInstance manager = OrderManagerInstance.start(journal, book.path());
                OrderTestClient client = manager.connect()) {
            assertThat(manager.getJson("/api/trading").path("state").asString()).isEqualTo("RUNNING");
            beforeHalt = client.order(order("k-1", 10));
            assertThat(beforeHalt.status()).isEqualTo(ExecutionStatus.FILLED);

            OrderManagerInstance.Response halt = manager.post("/api/trading/halt", HALT, TestOperator.BASIC);
            assertThat(halt.status()).as(halt.body().toString()).isEqualTo(200);
            assertThat(halt.body().path("state").asString()).isEqualTo("HALTED");
            assertThat(halt.body().path("by").asString()).as("the authenticated operator").isEqualTo(TestOperator.NAME);
            assertThat(halt.body().path("reason").asString()).isEqualTo("runaway strategy");

            halted = client.order(order("k-2", 5));
            assertThat(halted.status()).isEqualTo(ExecutionStatus.REJECTED);
            assertThat(halted.reason()).isEqualTo(RejectReason.TRADING_HALTED.name());
            assertThat(halted.orderId()).isGreaterThan(beforeHalt.orderId());
            assertThat(client.order(order("k-1", 10))).as("decided before the halt: the original execution")
                .isEqualTo(beforeHalt);
            assertThat(manager.getJson("/api/orders/k-2").path("status").asString()).as("journaled like any rejection")
                .isEqualTo("REJECTED");
            assertThat(aaplPosition(manager)).as("only the fill before the halt").isEqualTo(10);
            assertThat(manager.registry().get("trading.orders").tags("status", "REJECTED", "reason", "TRADING_HALTED")
                .counter().count()).isEqualTo(1);
            assertThat(manager.registry().get("trading.halted").gauge().value()).isEqualTo(1);

            JsonNode trading = manager.getJson("/actuator/health").path("components").path("trading");
            assertThat(trading.path("status").asString()).as("a halted desk is a healthy service").isEqualTo("UP");
            assertThat(trading.path("details").path("state").asString()).isEqualTo("HALTED");
            assertThat(trading.path("details").path("haltedBy").asString()).isEqualTo(TestOperator.NAME);
            assertThat(trading.path("details").path("haltedAt").asString()).isNotBlank();
            assertThat(trading.path("details").path("reason").asString()).isEqualTo("runaway strategy");
        }

        try (OrderManagerInstance restarted = OrderManagerInstance.start(journal, book.path());
                OrderTestClient client = restarted.connect()) {
            JsonNode state = restarted.getJson("/api/trading");
            assertThat(state.path("state").asString()).as("the halt is in the journal").isEqualTo("HALTED");
            assertThat(state.path("by").asString()).isEqualTo(TestOperator.NAME);
            assertThat(restarted.registry().get("trading.halted").gauge().value()).isEqualTo(1);
            assertThat(client.order(order("k-2", 5))).as("the rejection, repeated").isEqualTo(halted);
            assertThat(client.order(order("k-3", 1)).reason()).isEqualTo(RejectReason.TRADING_HALTED.name());
            assertThat(aaplPosition(restarted)).isEqualTo(10);

            OrderManagerInstance.Response release = restarted.post("/api/trading/release", RELEASE, TestOperator.BASIC);
            assertThat(release.status()).as(release.body().toString()).isEqualTo(200);
            assertThat(release.body().path("state").asString()).isEqualTo("RUNNING");
            Execution afterRelease = client.order(order("k-4", 2));
            assertThat(afterRelease.status()).isEqualTo(ExecutionStatus.FILLED);
            assertThat(aaplPosition(restarted)).isEqualTo(12);
            assertThat(restarted.registry().get("trading.halted").gauge().value()).isEqualTo(0);
            JsonNode trading = restarted.getJson("/actuator/health").path("components").path("trading").path("details");
            assertThat(trading.path("state").asString()).isEqualTo("RUNNING");
            assertThat(trading.path("releasedBy").asString()).isEqualTo(TestOperator.NAME);
        }

        try (OrderManagerInstance again = OrderManagerInstance.start(journal, book.path());
                OrderTestClient client = again.connect()) {
            assertThat(again.getJson("/api/trading").path("state").asString()).as("the release is in the journal too")
                .isEqualTo("RUNNING");
            assertThat(client.order(order("k-5", 1)).status()).isEqualTo(ExecutionStatus.FILLED);
        }
    }

    @Test
    void shouldRefuseASwitchWithoutCredentialsOrWithWrongOnesWith401AndChangeNothing() throws Exception {
        try (OrderManagerInstance manager = OrderManagerInstance.start(journal, book.path());
                OrderTestClient client = manager.connect()) {
            OrderManagerInstance.Response anonymous = manager.post("/api/trading/halt", HALT, null);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.contentType()).startsWith("application/problem+json");
            assertThat(anonymous.body().path("status").asInt()).isEqualTo(401);
            assertThat(anonymous.body().path("detail").asString()).contains("credentials");
            assertThat(anonymous.body().path("instance").asString()).isEqualTo("/api/trading/halt");

            OrderManagerInstance.Response wrongPassword = manager.post("/api/trading/halt", HALT,
                TestOperator.basic(TestOperator.NAME, "not-the-password-at-all"));
            assertThat(wrongPassword.status()).isEqualTo(401);
            assertThat(wrongPassword.body().path("detail").asString()).contains("wrong");
            assertThat(manager.post("/api/trading/halt", HALT, TestOperator.basic("intruder", TestOperator.PASSWORD))
                .status()).as("a right password under another name").isEqualTo(401);
            assertThat(manager.post("/api/trading/release", RELEASE, null).status()).isEqualTo(401);

            assertThat(manager.getJson("/api/trading").path("state").asString()).as("nothing switched")
                .isEqualTo("RUNNING");
            assertThat(client.order(order("a-1", 1)).status()).isEqualTo(ExecutionStatus.FILLED);
            assertThat(manager.registry().get("trading.http.auth.failures").tag("reason", "missing").counter().count())
                .isEqualTo(2);
            assertThat(manager.registry().get("trading.http.auth.failures").tag("reason", "bad").counter().count())
                .isEqualTo(2);

            OrderManagerInstance.Response noReason = manager.post("/api/trading/halt", "{}", TestOperator.BASIC);
            assertThat(noReason.status()).as("an operator's halt without a reason").isEqualTo(400);
            assertThat(noReason.contentType()).startsWith("application/problem+json");
            assertThat(manager.getJson("/api/trading").path("state").asString()).isEqualTo("RUNNING");
        }
    }

    @Test
    void shouldShowHealthDetailsToAnOperatorOnlyAndKeepWritingEndpointsUnreachable() throws Exception {
        try (OrderManagerInstance manager = OrderManagerInstance.start(journal, book.path())) {
            OrderManagerInstance.Response anonymous = manager.getAnonymously("/actuator/health");
            assertThat(anonymous.status()).isEqualTo(200);
            assertThat(anonymous.body().path("status").asString()).isEqualTo("UP");
            assertThat(anonymous.body().path("components").path("journal").path("status").asString()).isEqualTo("UP");
            assertThat(anonymous.body().findValues("details")).as("statuses only: " + anonymous.body()).isEmpty();
            OrderManagerInstance.Response journalComponent = manager.getAnonymously("/actuator/health/journal");
            assertThat(journalComponent.status()).as("a probe may read one component's status").isEqualTo(200);
            assertThat(journalComponent.body().has("details")).as(journalComponent.body().toString()).isFalse();

            JsonNode operator = manager.getJson("/actuator/health");
            assertThat(operator.path("components").path("journal").path("details").path("path").asString())
                .isNotBlank();

            assertThat(manager.get("/api/orders?size=1").status()).as("reads stay open").isEqualTo(200);
            assertThat(manager.getAnonymously("/api/positions").status()).isEqualTo(200);
            for (String endpoint : new String[] {"env", "heapdump", "shutdown", "loggers", "configprops", "beans"}) {
                assertThat(manager.post("/actuator/" + endpoint, "{}", TestOperator.BASIC).status())
                    .as("POST /actuator/" + endpoint + " as an operator").isEqualTo(404);
                assertThat(manager.get("/actuator/" + endpoint).status()).as("GET /actuator/" + endpoint).isEqualTo(404);
            }
        }
    }

    private static long aaplPosition(OrderManagerInstance manager) throws Exception {
        JsonNode positions = manager.getJson("/api/positions").path("positions");
        for (JsonNode position : positions) {
            if (position.path("symbol").asString().equals("AAPL")) {
                return position.path("quantity").asLong();
            }
        }
        return 0;
    }

    private static Order order(String clientOrderId, long quantity) {
        return new Order(clientOrderId, "kill-switch", "AAPL", Side.BUY, quantity, Prices.NONE, 0);
    }
}
