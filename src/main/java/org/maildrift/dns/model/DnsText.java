package org.maildrift.dns.model;

import java.util.HexFormat;

/** Canonical text of TXT and TLSA record data, the same from the wire, a zone file or a transfer. */
public final class DnsText {

    private DnsText() {
    }

    /** A TXT record's joined character-strings: printable ASCII as is; quote, backslash and other bytes as \DDD. */
    public static String txt(byte[] joined) {
        StringBuilder sb = new StringBuilder(joined.length);
        for (byte b : joined) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10))
                        .append((char) ('0' + c % 10));
            }
        }
        return sb.toString();
    }

    /** "usage selector matching hex", hex in lower case. */
    public static String tlsa(int usage, int selector, int matching, byte[] data) {
        return usage + " " + selector + " " + matching + " " + HexFormat.of().formatHex(data);
    }
}
