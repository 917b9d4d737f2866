package org.maildrift.mta.postfix;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.maildrift.mail.InterfaceAddress;
import org.maildrift.mail.IpAddresses;

/**
 * The default of {@code mynetworks}, derived as Postfix derives it (mynetworks(3), own_inet_addr(3),
 * inet_proto(3)), with the inventory's addresses standing in for the host's interfaces:
 * <ul>
 * <li>{@code inet_protocols} picks the families (all, ipv4, ipv6; anything else is fatal);</li>
 * <li>{@code inet_interfaces} picks the addresses: {@code all} every interface address, {@code loopback-only}
 * 127.0.0.1 and ::1, otherwise each listed address, which must be the host's ("no local interface found
 * for X" is fatal); {@code localhost} is 127.0.0.1 and ::1, as Debian's /etc/hosts says;</li>
 * <li>{@code mynetworks_style} (exactly one of host, subnet, class) turns each address into a network:
 * the address itself, its subnet (the prefix the inventory gives; loopback is 127.0.0.0/8 and ::1/128),
 * or its class A/B/C network (IPv6 by subnet).</li>
 * </ul>
 * The host's loopback interface comes first, IPv4 before IPv6, then the inventory's addresses in order.
 * What cannot be derived from the inventory (a host name other than localhost in inet_interfaces, a
 * subnet with no prefix given) is reported in {@link Result#unmodelled()}.
 */
final class MyNetworks {

    private static final InterfaceAddress LOOPBACK4 = new InterfaceAddress("127.0.0.1", 8);
    private static final InterfaceAddress LOOPBACK6 = new InterfaceAddress("::1", 128);

    /** The derived value, or the fatal message postconf stops with; what it could not model. */
    record Result(String value, String fatal, List<String> unmodelled) {
        Result {
            unmodelled = List.copyOf(unmodelled);
        }
    }

    private MyNetworks() {
    }

    /** @param expand expands a parameter as postconf -x would, null on an expansion error */
    static Result derive(Function<String, String> expand, List<InterfaceAddress> hostAddresses) {
        List<String> unmodelled = new ArrayList<>();
        String protocols = expand.apply("inet_protocols");
        boolean v4 = false;
        boolean v6 = false;
        for (String p : split(protocols)) {
            switch (p) {
                case "all" -> {
                    v4 = true;
                    v6 = true;
                }
                case "ipv4" -> v4 = true;
                case "ipv6" -> v6 = true;
                default -> {
                    return fatal("unknown inet_protocols value \"" + p + "\" in \"" + protocols + "\"");
                }
            }
        }
        if (!v4 && !v6) {
            return new Result("", null, unmodelled);
        }
        String styleText = expand.apply("mynetworks_style");
        List<String> style = split(styleText);
        if (style.size() != 1) {
            return fatal("bad mynetworks_style value: " + styleText + "; specify exactly one value");
        }
        String s = style.get(0);
        if (!s.equals("host") && !s.equals("subnet") && !s.equals("class")) {
            return fatal("unknown mynetworks mask style value \"" + s + "\" in \"" + styleText + "\"");
        }
        List<InterfaceAddress> all = new ArrayList<>();
        all.add(LOOPBACK4);
        all.addAll(hostAddresses.stream().filter(a -> !a.ipv6()).toList());
        all.add(LOOPBACK6);
        all.addAll(hostAddresses.stream().filter(InterfaceAddress::ipv6).toList());

        List<String> interfaces = split(expand.apply("inet_interfaces"));
        List<InterfaceAddress> own = new ArrayList<>();
        if (interfaces.equals(List.of("all"))) {
            own.addAll(all);
        } else if (interfaces.equals(List.of("loopback-only"))) {
            own.add(LOOPBACK4);
            own.add(LOOPBACK6);
        } else {
            for (String t : interfaces) {
                String bare = t.length() > 1 && t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
                if (t.equals("localhost")) {
                    own.add(LOOPBACK4);
                    own.add(LOOPBACK6);
                    continue;
                }
                if (t.equals("all") || t.equals("loopback-only")) {
                    // a keyword only counts alone; in a list it is looked up as a host name, which fails
                    return fatal("config variable inet_interfaces: host not found: " + t);
                }
                String literal = InterfaceAddresses.canonical(bare);
                if (literal == null) {
                    unmodelled.add("inet_interfaces names '" + org.maildrift.files.Printable.of(t, 80)
                            + "', which Postfix resolves through /etc/hosts or DNS; maildrift leaves it out of mynetworks");
                    continue;
                }
                boolean six = literal.indexOf(':') >= 0;
                if (six ? !v6 : !v4) {
                    return fatal("config variable inet_interfaces: host not found: " + t);
                }
                InterfaceAddress match = all.stream().filter(a -> a.address().equals(literal)).findFirst().orElse(null);
                if (match == null) {
                    return fatal("parameter inet_interfaces: no local interface found for " + bare);
                }
                own.add(match);
            }
            // own_inet_addr(3): a listed set of addresses is sorted (IPv4 first, then by address) and made unique
            own.sort(Comparator.comparing(InterfaceAddress::ipv6)
                    .thenComparing(a -> new BigInteger(1, IpAddresses.parse(a.address()).getAddress())));
        }
        Set<String> out = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (InterfaceAddress a : own) {
            if ((a.ipv6() ? !v6 : !v4) || !seen.add(a.address())) {
                continue;
            }
            int bits = a.ipv6() ? 128 : 32;
            int prefix;
            if (s.equals("host")) {
                prefix = bits;
            } else if (s.equals("class") && !a.ipv6()) {
                prefix = classPrefix(a.address());
            } else if (a.prefixKnown()) {
                prefix = a.prefixLength();
            } else {
                unmodelled.add("mynetworks_style = " + s + " needs the subnet of " + a.address()
                        + ", which the inventory does not give (write it as " + a.address() + "/LENGTH)");
                prefix = bits;
            }
            String net = network(a.address(), prefix);
            out.add(a.ipv6() ? "[" + net + "]/" + prefix : net + "/" + prefix);
        }
        // mynetworks.c appends "NET/LEN " for each network: the value ends in a space, seen where $mynetworks
        // is followed by a comma in another parameter
        StringBuilder value = new StringBuilder();
        out.forEach(n -> value.append(n).append(' '));
        return new Result(value.toString(), null, unmodelled);
    }

    private static Result fatal(String message) {
        return new Result("", message, List.of());
    }

    /** IN_CLASSA/B/C/D of mynetworks.c. */
    private static int classPrefix(String ipv4) {
        int first = Integer.parseInt(ipv4.substring(0, ipv4.indexOf('.')));
        if (first < 128) {
            return 8;
        }
        if (first < 192) {
            return 16;
        }
        if (first < 224) {
            return 24;
        }
        return 4;
    }

    private static String network(String address, int prefix) {
        byte[] bytes = IpAddresses.parse(address).getAddress();
        int bits = bytes.length * 8;
        BigInteger value = new BigInteger(1, bytes);
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        byte[] raw = value.and(mask).toByteArray();
        byte[] fixed = new byte[bytes.length];
        int copy = Math.min(raw.length, fixed.length);
        System.arraycopy(raw, raw.length - copy, fixed, fixed.length - copy, copy);
        if (bytes.length == 16) {
            return IpAddresses.compressIpv6(fixed);
        }
        return (fixed[0] & 0xff) + "." + (fixed[1] & 0xff) + "." + (fixed[2] & 0xff) + "." + (fixed[3] & 0xff);
    }

    static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String t : value.split("[, \t\r\n]+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
