package org.maildrift.mta.postfix;

import java.net.InetAddress;

import org.maildrift.mail.IpAddresses;

/** Address-literal parsing without DNS: canonical text forms used to compare interface addresses. */
public final class InterfaceAddresses {

    private InterfaceAddresses() {
    }

    /** Dotted quad as Postfix's valid_ipv4_hostaddr accepts it (leading zeros allowed), or null. */
    public static String canonicalIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return null;
            }
            int v = 0;
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(v);
        }
        return sb.toString();
    }

    /** An IPv6 address in canonical form, or null when the text is not one. */
    public static String canonicalIpv6(String text) {
        if (text.indexOf(':') < 0) {
            return null;
        }
        InetAddress a = IpAddresses.parse(text);
        return a == null ? null : IpAddresses.canonical(a);
    }

    /** Canonical form of an IPv4 or IPv6 address text (no brackets), or null. */
    public static String canonical(String text) {
        String v4 = canonicalIpv4(text);
        return v4 != null ? v4 : canonicalIpv6(text);
    }
}
