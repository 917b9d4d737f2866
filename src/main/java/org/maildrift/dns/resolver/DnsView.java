package org.maildrift.dns.resolver;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A named view of DNS (split horizon): the servers asked, each {@code IP} or {@code IP:PORT}
 * ({@code [v6]:PORT} for IPv6). "system" means the machine's own resolvers.
 */
public record DnsView(String name, List<InetSocketAddress> servers) {

    public DnsView {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("view " + name + " has no servers");
        }
    }

    /** Parses "192.0.2.53", "192.0.2.53:5353", "[2001:db8::53]:53", "2001:db8::53". */
    public static InetSocketAddress server(String text) {
        String t = text.strip();
        String host = t;
        int port = 53;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("bad server address: " + text);
            }
            host = t.substring(1, close);
            if (close + 1 < t.length()) {
                if (t.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("bad server address: " + text);
                }
                port = port(t.substring(close + 2), text);
            }
        } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            port = port(t.substring(t.indexOf(':') + 1), text);
        }
        java.net.InetAddress address = org.maildrift.mail.IpAddresses.parse(host);
        if (address == null) {
            throw new IllegalArgumentException("server must be an IP address (no names, no search list): " + text);
        }
        return new InetSocketAddress(address, port);
    }

    private static int port(String p, String text) {
        try {
            int v = Integer.parseInt(p);
            if (v < 1 || v > 65535) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in server address: " + text);
        }
    }

    /** The machine's resolvers, from /etc/resolv.conf. */
    public static DnsView system() {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (InetSocketAddress a : org.xbill.DNS.ResolverConfig.getCurrentConfig().servers()) {
            servers.add(a);
        }
        return new DnsView("system", servers);
    }

    public static String label(InetSocketAddress a) {
        String host = org.maildrift.mail.IpAddresses.canonical(a.getAddress());
        return (host.contains(":") ? "[" + host + "]" : host) + (a.getPort() == 53 ? "" : ":" + a.getPort());
    }
}
