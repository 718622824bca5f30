package io.tradingstack.system;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one TCP port of a {@link NetworkNamespace} with iptables, both ways, the way networks
 * fail: first silently ({@link #drop()}: packets vanish, as behind a pulled cable or a dead
 * router, and the ends only notice by the silence), then loudly ({@link #reset()}: every packet
 * is answered with a TCP reset, as a firewall or a restarted peer does), then {@link #heal()}.
 * One connection is spared, found by its peer's port: the test's reference tap, which must see
 * every tick the gateway sends while the subscriber under test is cut off.
 */
final class FeedCut implements AutoCloseable {

    private static final List<String> DROP = List.of("-j", "DROP");
    private static final List<String> RESET = List.of("-j", "REJECT", "--reject-with", "tcp-reset");

    private final NetworkNamespace namespace;
    /** Packets to the port from anyone but the spared peer, resets excepted. */
    private final List<String> inbound;
    /** Packets from the port to anyone but the spared peer, resets excepted. */
    private final List<String> outbound;
    private List<String> target;

    FeedCut(NetworkNamespace namespace, int port, int sparedPeerPort) {
        this.namespace = namespace;
        // Resets pass both ways: the ones REJECT makes go through the chains too (the one meant for
        // the gateway's own socket comes back in through INPUT). While packets are dropped
        // nothing sends one, so the drop stays silent.
        this.inbound = List.of("-p", "tcp", "--dport", Integer.toString(port), "!", "--sport", Integer.toString(sparedPeerPort),
                "!", "--tcp-flags", "RST", "RST");
        this.outbound = List.of("-p", "tcp", "--sport", Integer.toString(port), "!", "--dport", Integer.toString(sparedPeerPort),
                "!", "--tcp-flags", "RST", "RST");
    }

    /** Packets to and from the port are dropped without a word. */
    void drop() {
        replaceRules(DROP);
    }

    /** Packets to and from the port are answered with a TCP reset, which also resets the local socket. */
    void reset() {
        replaceRules(RESET);
    }

    /** The port is open again. */
    void heal() {
        replaceRules(null);
    }

    /** The new rules go in before the old ones come out, so that the port is never open in between. */
    private void replaceRules(List<String> newTarget) {
        if (newTarget != null) {
            rule("-I", "INPUT", inbound, newTarget);
            rule("-I", "OUTPUT", outbound, newTarget);
        }
        if (target != null) {
            rule("-D", "INPUT", inbound, target);
            rule("-D", "OUTPUT", outbound, target);
        }
        target = newTarget;
    }

    private void rule(String action, String chain, List<String> match, List<String> jump) {
        List<String> arguments = new ArrayList<>();
        arguments.add(action);
        arguments.add(chain);
        arguments.addAll(match);
        arguments.addAll(jump);
        namespace.iptables(arguments.toArray(String[]::new));
    }

    /** Heals if still cut; the namespace's removal would drop the rules anyway. */
    @Override
    public void close() {
        if (target != null) {
            heal();
        }
    }
}
