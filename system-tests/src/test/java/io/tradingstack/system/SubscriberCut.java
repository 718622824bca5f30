package io.tradingstack.system;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A subscriber host's side of the gateway's feed ports, in its {@link NetworkNamespace}: rules
 * that count the bytes each feed brings in ({@link #bytesFrom(int)}), and a cut that drops every
 * packet to and from those ports without a word ({@link #drop()}), until {@link #heal()}. The
 * host's other connections (its order connection to the order manager) pass.
 */
final class SubscriberCut implements AutoCloseable {

    private final NetworkNamespace host;
    private final String gatewayAddress;
    private final List<Integer> ports;
    private boolean cut;

    SubscriberCut(NetworkNamespace host, String gatewayAddress, List<Integer> ports) {
        this.host = host;
        this.gatewayAddress = gatewayAddress;
        this.ports = List.copyOf(ports);
        for (int port : this.ports) {
            // Appended, so that the DROP rules inserted above them take the packets during a cut.
            host.iptables(rule("-A", "INPUT", port, "ACCEPT"));
        }
    }

    /** Packets to and from the feed ports vanish, as behind a pulled cable. */
    void drop() {
        if (!cut) {
            for (int port : ports) {
                host.iptables(rule("-I", "INPUT", port, "DROP"));
                host.iptables(rule("-I", "OUTPUT", port, "DROP"));
            }
            cut = true;
        }
    }

    /** The feed ports are open again. */
    void heal() {
        if (cut) {
            for (int port : ports) {
                host.iptables(rule("-D", "INPUT", port, "DROP"));
                host.iptables(rule("-D", "OUTPUT", port, "DROP"));
            }
            cut = false;
        }
    }

    /**
     * Bytes of the IP packets the host accepted from the gateway's {@code port} so far: the
     * frames, their TCP/IP headers and the gateway's acknowledgements, as they cross the wire.
     */
    long bytesFrom(int port) {
        String listing = host.iptables("-L", "INPUT", "-v", "-x", "-n").output();
        Pattern rule = Pattern.compile("^\\s*\\d+\\s+(\\d+)\\s+ACCEPT\\s.*\\s" + Pattern.quote(gatewayAddress)
                + "\\s.*spt:" + port + "\\b");
        for (String line : (Iterable<String>) listing.lines()::iterator) {
            Matcher matcher = rule.matcher(line);
            if (matcher.find()) {
                return Long.parseLong(matcher.group(1));
            }
        }
        throw new IllegalStateException("no counting rule for port " + port + " in " + host + ":\n" + listing);
    }

    private String[] rule(String action, String chain, int port, String target) {
        List<String> arguments = new ArrayList<>(List.of(action, chain, "-p", "tcp"));
        if (chain.equals("INPUT")) {
            arguments.addAll(List.of("-s", gatewayAddress, "--sport", Integer.toString(port)));
        } else {
            arguments.addAll(List.of("-d", gatewayAddress, "--dport", Integer.toString(port)));
        }
        arguments.addAll(List.of("-j", target));
        return arguments.toArray(String[]::new);
    }

    /** Heals if still cut; the namespace's removal would drop the rules anyway. */
    @Override
    public void close() {
        heal();
    }
}
