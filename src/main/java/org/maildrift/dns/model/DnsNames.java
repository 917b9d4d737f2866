package org.maildrift.dns.model;

import java.util.Locale;

/** Canonical text for names: lower-case, absolute (one trailing dot). */
public final class DnsNames {

    private DnsNames() {
    }

    public static String canonical(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }

    /** The PTR owner name of an IPv4 or IPv6 address text ({@code 20.2.0.192.in-addr.arpa.}), or null. */
    public static String reverse(String address) {
        try {
            if (address.indexOf(':') < 0 && !address.matches("[0-9.]+")) {
                return null;
            }
            byte[] b = java.net.InetAddress.getByName(address).getAddress();
            StringBuilder sb = new StringBuilder();
            if (b.length == 4) {
                for (int i = 3; i >= 0; i--) {
                    sb.append(b[i] & 0xff).append('.');
                }
                return sb.append("in-addr.arpa.").toString();
            }
            for (int i = 15; i >= 0; i--) {
                sb.append(Integer.toHexString(b[i] & 0x0f)).append('.').append(Integer.toHexString((b[i] >> 4) & 0x0f))
                        .append('.');
            }
            return sb.append("ip6.arpa.").toString();
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /** Without the trailing dot, for display and for comparing with MTA names. */
    public static String relative(String name) {
        return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }
}
