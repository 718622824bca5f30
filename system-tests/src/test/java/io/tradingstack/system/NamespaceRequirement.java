package io.tradingstack.system;

import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test built on network namespaces does on a machine that cannot make them (not root, no
 * {@code ip netns}, no iptables): it is skipped with the reason, unless
 * {@code TRADING_STACK_REQUIRE_NETNS=true} (system property or environment, as CI sets it), where
 * the missing capability fails it instead — CI must not pass by skipping.
 *
 * @param <T> what the test makes: a namespace, a network of them
 */
final class NamespaceRequirement<T> {

    static final String REQUIRE_NETNS = "TRADING_STACK_REQUIRE_NETNS";

    private final String test;
    private final T made;
    /** Why this machine cannot run the test; null when it can. */
    private final String missing;

    private NamespaceRequirement(String test, T made, String missing) {
        this.test = test;
        this.made = made;
        this.missing = missing;
    }

    /**
     * Makes what the test needs, as root; in {@code @BeforeAll}. Fails at once where namespaces
     * are required and cannot be made.
     */
    static <T> NamespaceRequirement<T> make(String test, Supplier<T> factory) {
        HostCommand uid = HostCommand.run("id", "-u");
        T made = null;
        String missing = null;
        if (!uid.succeeded() || !uid.output().equals("0")) {
            missing = "not running as root (" + uid + ")";
        } else {
            try {
                made = factory.get();
            } catch (IllegalStateException e) {
                missing = "cannot make network namespaces with iptables: " + e.getMessage();
            }
        }
        if (missing != null && required()) {
            Assertions.fail(REQUIRE_NETNS + "=true, but " + missing);
        }
        return new NamespaceRequirement<>(test, made, missing);
    }

    private static boolean required() {
        String value = System.getProperty(REQUIRE_NETNS, System.getenv(REQUIRE_NETNS));
        return "true".equalsIgnoreCase(value);
    }

    /**
     * What was made; skips the test with the reason when nothing could be. Call it in
     * {@code @BeforeEach}, not {@code @BeforeAll}, where the build report would show neither a
     * skipped test nor the reason.
     */
    T orSkip() {
        if (missing != null) {
            String message = test + " skipped: " + missing + ". It needs root, iproute2 (ip netns) and iptables; set "
                    + REQUIRE_NETNS + "=true to make this a failure, as CI does.";
            System.out.println(message);
            Assumptions.abort(message);
        }
        return made;
    }

    /** What was made, or null; for {@code @AfterAll}. */
    T made() {
        return made;
    }
}
