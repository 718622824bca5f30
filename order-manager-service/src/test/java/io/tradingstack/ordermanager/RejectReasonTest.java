package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingstack.protocol.DecodeError;
import io.tradingstack.protocol.DecodeFailure;
import io.tradingstack.protocol.MessageType;
import org.junit.jupiter.api.Test;

class RejectReasonTest {

    @Test
    void shouldNameAQuantityOutOfRangeByTheQuantityRuleWhicheverStageCaughtIt() {
        assertThat(RejectReason.of(error(DecodeFailure.OUT_OF_RANGE, "quantity"))).isEqualTo(RejectReason.QUANTITY_OUT_OF_RANGE);
        assertThat(RejectReason.of(error(DecodeFailure.OUT_OF_RANGE, "limitPrice"))).isEqualTo(RejectReason.OUT_OF_RANGE);
    }

    @Test
    void shouldKeepEveryOtherValueFailureUnderItsDecodeName() {
        for (DecodeFailure failure : new DecodeFailure[] {DecodeFailure.UNKNOWN_SIDE, DecodeFailure.INVALID_SYMBOL,
            DecodeFailure.INVALID_CLIENT_ORDER_ID, DecodeFailure.INVALID_STRATEGY_ID}) {
            assertThat(RejectReason.of(error(failure, "x")).name()).isEqualTo(failure.name());
            assertThat(RejectReason.of(error(failure, "x")).stage()).isEqualTo(RejectReason.Stage.VALIDATION);
        }
    }

    @Test
    void shouldRefuseAProtocolViolation() {
        assertThatThrownBy(() -> RejectReason.of(error(DecodeFailure.MALFORMED_JSON, "")))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGroupReasonsByStage() {
        assertThat(RejectReason.STRATEGY_MISMATCH.stage()).isEqualTo(RejectReason.Stage.SESSION);
        assertThat(RejectReason.DUPLICATE_CLIENT_ORDER_ID.stage()).isEqualTo(RejectReason.Stage.SESSION);
        assertThat(RejectReason.STALE_PRICE.stage()).isEqualTo(RejectReason.Stage.VALIDATION);
        assertThat(RejectReason.NOTIONAL_LIMIT.stage()).isEqualTo(RejectReason.Stage.RISK);
        assertThat(RejectReason.NOT_MARKETABLE.stage()).isEqualTo(RejectReason.Stage.EXECUTION);
    }

    private static DecodeError error(DecodeFailure failure, String field) {
        return new DecodeError(failure, MessageType.ORDER, field, "detail", "c1");
    }
}
