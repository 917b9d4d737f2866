package org.maildrift.mail;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Canonical text of addresses: dotted quad, or RFC 5952 IPv6 (lower-case, longest zero run as "::"). */
public final class IpAddresses {

    private IpAddresses() {
    }

    /** The address an IPv4 or IPv6 literal stands for, without any DNS lookup; null when it is not one. */
    public static InetAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        boolean v6 = text.indexOf(':') >= 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || (v6 && (c == ':' || (c >= 'a' && c <= 'f')
                    || (c >= 'A' && c <= 'F')));
            if (!ok) {
                return null;
            }
        }
        if (!v6 && text.split("\\.", -1).length != 4) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /** Whether two literals stand for the same address (2001:db8::25 and 2001:DB8:0::25); false if one is none. */
    public static boolean same(String a, String b) {
        if (a != null && a.equalsIgnoreCase(b)) {
            return true;
        }
        InetAddress x = parse(a);
        return x != null && x.equals(parse(b));
    }

    public static String canonical(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        return compressIpv6(address.getAddress());
    }

    /** RFC 5952 text of 16 address bytes. */
    public static String compressIpv6(byte[] b) {
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
}
