package io.tradingstack.system;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A network namespace of the test's own, joined to the root namespace by a veth pair with two
 * private addresses: a process started in it through {@link #execPrefix()} is another host as
 * far as TCP goes, and iptables rules made in it touch nothing outside it. Needs root.
 *
 * <pre>
 *   root namespace                                 namespace ts-it-&lt;pid&gt;
 *   tsh&lt;pid&gt; 10.213.N.1/30  &lt;──── veth pair ────&gt;  tsn&lt;pid&gt; 10.213.N.2/30, lo up
 * </pre>
 *
 * Names carry the test JVM's pid, so runs side by side do not meet ({@link #create(String, String,
 * String, String, String)} takes names and addresses of the caller's, for a test that makes
 * several: {@link MultiHostNetwork}); {@link #close()} removes
 * the pair and the namespace (and with it every rule made inside), and a shutdown hook does the
 * same if the JVM is stopped before that.
 */
final class NetworkNamespace implements AutoCloseable {

    private final String name;
    private final String hostVeth;
    private final String namespaceVeth;
    private final String hostAddress;
    private final String namespaceAddress;
    private final Thread cleanupOnExit = new Thread(this::removeQuietly, "netns-cleanup");
    private boolean closed;

    private NetworkNamespace(String name, String hostVeth, String namespaceVeth, String hostAddress,
            String namespaceAddress) {
        this.name = name;
        this.hostVeth = hostVeth;
        this.namespaceVeth = namespaceVeth;
        this.hostAddress = hostAddress;
        this.namespaceAddress = namespaceAddress;
    }

    private NetworkNamespace(long id) {
        // A /30 of 10.213.0.0/16 picked by the id: two addresses, nothing else on that link.
        this("ts-it-" + id, "tsh" + id, "tsn" + id, "10.213." + (id % 256) + ".1", "10.213." + (id % 256) + ".2");
    }

    /**
     * Creates the namespace, the veth pair and the addresses, and checks that iptables works
     * inside it.
     *
     * @throws IllegalStateException saying which command failed and what it printed; whatever
     *                               was made up to then is removed again
     */
    static NetworkNamespace create() {
        return create(new NetworkNamespace(ProcessHandle.current().pid()));
    }

    /**
     * A namespace of the caller's naming, for tests that make several: the names must be unique
     * on the machine (veth names at most 15 characters) and the two addresses a /30 of their own.
     */
    static NetworkNamespace create(String name, String hostVeth, String namespaceVeth, String hostAddress,
            String namespaceAddress) {
        return create(new NetworkNamespace(name, hostVeth, namespaceVeth, hostAddress, namespaceAddress));
    }

    private static NetworkNamespace create(NetworkNamespace namespace) {
        namespace.removeQuietly(); // a leftover of an earlier JVM with the same pid (so the same names) that was killed
        Runtime.getRuntime().addShutdownHook(namespace.cleanupOnExit);
        try {
            HostCommand.run("ip", "netns", "add", namespace.name).orThrow();
            HostCommand.run("ip", "link", "add", namespace.hostVeth, "type", "veth", "peer", "name", namespace.namespaceVeth).orThrow();
            HostCommand.run("ip", "link", "set", namespace.namespaceVeth, "netns", namespace.name).orThrow();
            HostCommand.run("ip", "addr", "add", namespace.hostAddress + "/30", "dev", namespace.hostVeth).orThrow();
            HostCommand.run("ip", "link", "set", namespace.hostVeth, "up").orThrow();
            HostCommand.run("ip", "-n", namespace.name, "addr", "add", namespace.namespaceAddress + "/30", "dev",
                    namespace.namespaceVeth).orThrow();
            HostCommand.run("ip", "-n", namespace.name, "link", "set", namespace.namespaceVeth, "up").orThrow();
            HostCommand.run("ip", "-n", namespace.name, "link", "set", "lo", "up").orThrow();
            namespace.iptables("-S");
        } catch (IllegalStateException e) {
            namespace.close();
            throw e;
        }
        return namespace;
    }

    String name() {
        return name;
    }

    /** The address of the namespace's end of the pair: where a server inside listens. */
    String namespaceAddress() {
        return namespaceAddress;
    }

    InetAddress namespaceInetAddress() {
        try {
            return InetAddress.getByName(namespaceAddress);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(namespaceAddress, e); // a literal address is never looked up
        }
    }

    /** The root namespace's end: where connections from outside reach the namespace from. */
    String hostAddress() {
        return hostAddress;
    }

    /**
     * Routes {@code destination}, an address of the root namespace outside the pair's /30, through
     * the root namespace's end of the pair. The root namespace delivers such packets to itself,
     * forwarding nothing, so neither {@code ip_forward} nor a host firewall's FORWARD chain (as
     * Docker's) is involved.
     */
    void routeVia(String destination) {
        HostCommand.run("ip", "-n", name, "route", "add", destination, "via", hostAddress).orThrow();
    }

    /** Put before a command to run it inside the namespace; {@code ip netns exec} execs it in place. */
    List<String> execPrefix() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Runs iptables inside the namespace ({@code -w}: waits for the xtables lock rather than failing). */
    HostCommand iptables(String... arguments) {
        List<String> command = new ArrayList<>(execPrefix());
        command.add("iptables");
        command.add("-w");
        command.addAll(List.of(arguments));
        return HostCommand.run(command).orThrow();
    }

    /** Removes the veth pair and the namespace; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        removeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or has run
        }
    }

    /** Deleting one end of a veth pair deletes both; deleting the namespace deletes its rules. */
    private void removeQuietly() {
        if (HostCommand.run("ip", "link", "show", hostVeth).succeeded()) {
            report(HostCommand.run("ip", "link", "del", hostVeth));
        }
        if (HostCommand.run("ip", "netns", "list").output().lines().anyMatch(line -> line.split(" ")[0].equals(name))) {
            report(HostCommand.run("ip", "netns", "del", name));
        }
    }

    private static void report(HostCommand result) {
        if (!result.succeeded()) {
            System.err.println("network namespace clean-up: " + result);
        }
    }

    @Override
    public String toString() {
        return "network namespace " + name + " (" + hostAddress + " <-> " + namespaceAddress + ")";
    }
}
