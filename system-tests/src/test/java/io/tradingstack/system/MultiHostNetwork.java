package io.tradingstack.system;

import java.util.ArrayList;
import java.util.List;

/**
 * Several hosts on one machine: the root namespace is the exchange host (the gateway and the
 * order manager), and every strategy host is a {@link NetworkNamespace} with a veth pair of its
 * own to it. The exchange host's services listen on one address of their own, put on the root
 * namespace's loopback interface, which every strategy host routes to through its pair: one
 * address for all hosts, and the root namespace delivers to itself without forwarding anything.
 *
 * <pre>
 *                      root namespace: exchange host 10.214.P.1/32 (on lo)
 *          tsa&lt;pid&gt; 10.214.P.5/30                       tsb&lt;pid&gt; 10.214.P.9/30
 *                 │ veth pair                                    │ veth pair
 *   ts-mh-&lt;pid&gt;-a: tsA&lt;pid&gt; 10.214.P.6/30        ts-mh-&lt;pid&gt;-b: tsB&lt;pid&gt; 10.214.P.10/30
 *   (strategy host a, route to .1 via .5)      (strategy host b, route to .1 via .9)
 * </pre>
 *
 * P is the test JVM's pid modulo 256, in 10.214.0.0/16, apart from {@link NetworkNamespace}'s
 * 10.213.0.0/16 so that both can exist in one JVM. {@link #close()} removes everything, and a
 * shutdown hook (each namespace's own, and one for the address) does the same if the JVM is
 * stopped first.
 */
final class MultiHostNetwork implements AutoCloseable {

    private static final int MAX_HOSTS = 63;

    private final String exchangeAddress;
    private final List<NetworkNamespace> hosts = new ArrayList<>();
    private final Thread cleanupOnExit = new Thread(this::removeAddressQuietly, "multi-host-cleanup");
    private boolean closed;

    private MultiHostNetwork(String exchangeAddress) {
        this.exchangeAddress = exchangeAddress;
    }

    /**
     * The exchange host's address and one namespace per name given ("a", "b": one lower-case
     * letter each, so that the veth names stay within 15 characters).
     *
     * @throws IllegalStateException saying which command failed; whatever was made is removed again
     */
    static MultiHostNetwork create(String... hostNames) {
        if (hostNames.length > MAX_HOSTS) {
            throw new IllegalArgumentException("hosts=" + hostNames.length + ", max=" + MAX_HOSTS);
        }
        long pid = ProcessHandle.current().pid();
        String subnet = "10.214." + (pid % 256) + ".";
        MultiHostNetwork network = new MultiHostNetwork(subnet + "1");
        network.removeAddressQuietly(); // a leftover of an earlier JVM with the same pid that was killed
        Runtime.getRuntime().addShutdownHook(network.cleanupOnExit);
        try {
            HostCommand.run("ip", "addr", "add", network.exchangeAddress + "/32", "dev", "lo").orThrow();
            for (int i = 0; i < hostNames.length; i++) {
                String host = hostNames[i];
                if (!host.matches("[a-z]")) {
                    throw new IllegalArgumentException("host name must be one lower-case letter: " + host);
                }
                int base = 4 * (i + 1); // the /30s 10.214.P.4, .8, ...: .0-.3 holds the exchange address
                NetworkNamespace namespace = NetworkNamespace.create("ts-mh-" + pid + "-" + host, "ts" + host + pid,
                        "ts" + host.toUpperCase() + pid, subnet + (base + 1), subnet + (base + 2));
                network.hosts.add(namespace);
                namespace.routeVia(network.exchangeAddress + "/32");
            }
        } catch (IllegalStateException e) {
            network.close();
            throw e;
        }
        return network;
    }

    /** Where the exchange host's services listen, reachable from every host. */
    String exchangeAddress() {
        return exchangeAddress;
    }

    /** The strategy hosts, in the order named. */
    List<NetworkNamespace> hosts() {
        return List.copyOf(hosts);
    }

    /** Removes the namespaces and the address; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (NetworkNamespace host : hosts) {
            host.close();
        }
        removeAddressQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or has run
        }
    }

    private void removeAddressQuietly() {
        if (HostCommand.run("ip", "addr", "show", "dev", "lo").output().contains(" " + exchangeAddress + "/32")) {
            HostCommand result = HostCommand.run("ip", "addr", "del", exchangeAddress + "/32", "dev", "lo");
            if (!result.succeeded()) {
                System.err.println("multi-host network clean-up: " + result);
            }
        }
    }

    @Override
    public String toString() {
        return "exchange host " + exchangeAddress + ", strategy hosts " + hosts;
    }
}
