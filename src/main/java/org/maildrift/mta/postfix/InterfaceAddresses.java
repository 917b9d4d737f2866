package org.maildrift.mta.postfix;

import java.net.InetAddress;
import java.net.UnknownHostException;

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
        if (text.isEmpty() || text.indexOf(':') < 0) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) {
                return null;
            }
        }
        try {
            InetAddress a = InetAddress.getByName(text);
            return a instanceof java.net.Inet6Address ? compress(a.getAddress()) : a.getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** RFC 5952 text: lower-case hex, no leading zeros, the longest run of two or more zero groups as "::". */
    static String compress(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** Canonical form of an IPv4 or IPv6 address text (no brackets), or null. */
    public static String canonical(String text) {
        String v4 = canonicalIpv4(text);
        return v4 != null ? v4 : canonicalIpv6(text);
    }
}
