package org.maildrift.dns.resolver;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.mail.IpAddresses;

/**
 * A lean DNS wire codec for the hot path of live lookups: builds a query (one question, RD, EDNS
 * payload 1232) and reads only what maildrift uses from a response (ID, flags, rcode, question, and
 * the answer section's owner, type and data of A, AAAA, CNAME, MX, PTR, TXT and TLSA records in canonical text).
 * dnsjava's full {@code Message} codec stays in use for TCP, zone files and transfers; this one exists
 * because parsing every response into dnsjava objects capped the query rate. Malformed input raises
 * {@link IllegalArgumentException}; compression pointers are bounded.
 */
final class DnsWire {

    static final int A = 1;
    static final int NS = 2;
    static final int CNAME = 5;
    static final int PTR = 12;
    static final int MX = 15;
    static final int TXT = 16;
    static final int AAAA = 28;
    static final int TLSA = 52;
    private static final int OPT = 41;
    static final int FLAG_TC = 0x0200;

    /** One answer-section record: owner, type and canonical data (null for types maildrift does not read). */
    record WireRecord(String owner, int type, String rdata) {
    }

    /** The parts of a response maildrift reads. */
    record WireResponse(int id, int flags, int rcode, String qname, int qtype, int qclass, List<WireRecord> answers) {
        boolean truncated() {
            return (flags & FLAG_TC) != 0;
        }
    }

    private DnsWire() {
    }

    static int typeCode(org.maildrift.dns.model.RecordType type) {
        return switch (type) {
            case A -> A;
            case AAAA -> AAAA;
            case CNAME -> CNAME;
            case MX -> MX;
            case PTR -> PTR;
            case TXT -> TXT;
            case TLSA -> TLSA;
        };
    }

    /** A query for an absolute, canonical name such as {@code mail.example.com.}. */
    static byte[] query(int id, String name, int qtype) {
        // an absolute name "a.b." takes name.length() + 1 bytes on the wire
        byte[] buf = new byte[12 + name.length() + 1 + 4 + 11];
        int p = 0;
        buf[p++] = (byte) (id >> 8);
        buf[p++] = (byte) id;
        buf[p++] = 0x01; // RD
        buf[p++] = 0x00;
        buf[p++] = 0;
        buf[p++] = 1; // QDCOUNT
        p += 4; // ANCOUNT, NSCOUNT
        buf[p++] = 0;
        buf[p++] = 1; // ARCOUNT (OPT)
        p = writeName(buf, p, name);
        buf[p++] = (byte) (qtype >> 8);
        buf[p++] = (byte) qtype;
        buf[p++] = 0;
        buf[p++] = 1; // IN
        buf[p++] = 0; // OPT owner: root
        buf[p++] = 0;
        buf[p++] = OPT;
        buf[p++] = (byte) (1232 >> 8);
        buf[p++] = (byte) (1232 & 0xff);
        p += 4; // extended rcode, version, flags
        p += 2; // rdlength 0
        return p == buf.length ? buf : java.util.Arrays.copyOf(buf, p);
    }

    private static int writeName(byte[] buf, int p, String name) {
        int start = 0;
        int n = name.length();
        while (start < n) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? n : dot;
            int len = end - start;
            if (len == 0 || len > 63) {
                throw new IllegalArgumentException("bad label in " + name);
            }
            buf[p++] = (byte) len;
            for (int i = start; i < end; i++) {
                buf[p++] = (byte) name.charAt(i);
            }
            start = end + 1;
        }
        buf[p++] = 0;
        return p;
    }

    static WireResponse parse(byte[] w) {
        if (w.length < 12) {
            throw new IllegalArgumentException("short message");
        }
        int id = u16(w, 0);
        int flags = u16(w, 2);
        int qd = u16(w, 4);
        int an = u16(w, 6);
        int[] pos = {12};
        Names names = new Names();
        String qname = null;
        int qtype = 0;
        int qclass = 0;
        for (int i = 0; i < qd; i++) {
            String n = names.read(w, pos);
            if (i == 0) {
                names.question = n;
            }
            int t = u16(w, pos[0]);
            int c = u16(w, pos[0] + 2);
            pos[0] += 4;
            if (i == 0) {
                qname = n;
                qtype = t;
                qclass = c;
            }
        }
        List<WireRecord> answers = new ArrayList<>(an);
        for (int i = 0; i < an; i++) {
            String owner = names.read(w, pos);
            int type = u16(w, pos[0]);
            int rdlen = u16(w, pos[0] + 8);
            int rd = pos[0] + 10;
            if (rd + rdlen > w.length) {
                throw new IllegalArgumentException("record data past the end");
            }
            String data = switch (type) {
                case A -> rdlen == 4 ? (w[rd] & 0xff) + "." + (w[rd + 1] & 0xff) + "." + (w[rd + 2] & 0xff) + "."
                        + (w[rd + 3] & 0xff) : null;
                case AAAA -> rdlen == 16 ? IpAddresses.compressIpv6(java.util.Arrays.copyOfRange(w, rd, rd + 16)) : null;
                case CNAME, PTR, NS -> names.read(w, new int[] {rd});
                case MX -> rdlen >= 3 ? u16(w, rd) + " " + names.read(w, new int[] {rd + 2}) : null;
                case TXT -> txt(w, rd, rdlen);
                case TLSA -> rdlen >= 3 ? org.maildrift.dns.model.DnsText.tlsa(w[rd] & 0xff, w[rd + 1] & 0xff,
                        w[rd + 2] & 0xff, java.util.Arrays.copyOfRange(w, rd + 3, rd + rdlen)) : null;
                default -> null;
            };
            answers.add(new WireRecord(owner, type, data));
            pos[0] = rd + rdlen;
        }
        return new WireResponse(id, flags, flags & 0x0f, qname, qtype, qclass, answers);
    }

    /** The character-strings of a TXT record joined; null when a length runs past the data. */
    private static String txt(byte[] w, int rd, int rdlen) {
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream(rdlen);
        int p = rd;
        int end = rd + rdlen;
        while (p < end) {
            int len = w[p] & 0xff;
            if (p + 1 + len > end) {
                return null;
            }
            joined.write(w, p + 1, len);
            p += 1 + len;
        }
        return org.maildrift.dns.model.DnsText.txt(joined.toByteArray());
    }

    private static int u16(byte[] w, int p) {
        if (p + 1 >= w.length) {
            throw new IllegalArgumentException("truncated message");
        }
        return ((w[p] & 0xff) << 8) | (w[p + 1] & 0xff);
    }

    /**
     * Reads the names of one message with one buffer. A name that is (or ends in) a pointer to the question's name,
     * as most owners in an answer section are, reuses the question's string instead of decoding it again.
     */
    private static final class Names {
        private static final int QUESTION = 12;
        /**
         * Room for the longest name read: up to 1,100 characters before the last label's check, that label
         * escaped (63 bytes, 4 characters each) and the question's name (checked the same way) after it.
         */
        private static final int ROOM = 2 * 1100 + 4 * 63 + 8;
        private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[ROOM]);
        private final byte[] out = BUFFER.get();
        String question;

        /** The possibly compressed name at pos[0], advancing pos past it; lower-case, absolute, escaped as dnsjava does. */
        String read(byte[] w, int[] pos) {
            int n = 0;
            int p = pos[0];
            int jumps = 0;
            int after = -1;
            for (;;) {
                if (p >= w.length) {
                    throw new IllegalArgumentException("name past the end");
                }
                int len = w[p] & 0xff;
                if (len == 0) {
                    p++;
                    break;
                }
                if ((len & 0xc0) == 0xc0) {
                    if (p + 1 >= w.length || ++jumps > 64) {
                        throw new IllegalArgumentException("bad compression pointer");
                    }
                    if (after < 0) {
                        after = p + 2;
                    }
                    p = ((len & 0x3f) << 8) | (w[p + 1] & 0xff);
                    if (p == QUESTION && question != null) {
                        pos[0] = after;
                        if (n == 0) {
                            return question;
                        }
                        if (!question.equals(".")) {
                            if (n + question.length() > 1100) {
                                throw new IllegalArgumentException("name too long");
                            }
                            for (int i = 0; i < question.length(); i++) {
                                out[n++] = (byte) question.charAt(i); // ASCII: escaped when it was read
                            }
                        }
                        return new String(out, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
                    }
                    continue;
                }
                if ((len & 0xc0) != 0 || p + 1 + len > w.length) {
                    throw new IllegalArgumentException("bad label");
                }
                for (int i = p + 1; i <= p + len; i++) {
                    int b = w[i] & 0xff;
                    if (b >= 'A' && b <= 'Z') {
                        out[n++] = (byte) (b + 32);
                    } else if (b <= 0x20 || b >= 0x7f) {
                        out[n++] = '\\';
                        out[n++] = (byte) ('0' + b / 100);
                        out[n++] = (byte) ('0' + b / 10 % 10);
                        out[n++] = (byte) ('0' + b % 10);
                    } else if ("\"().;\\@$".indexOf(b) >= 0) {
                        out[n++] = '\\';
                        out[n++] = (byte) b;
                    } else {
                        out[n++] = (byte) b;
                    }
                }
                out[n++] = '.';
                p += 1 + len;
                if (n > 1100) {
                    throw new IllegalArgumentException("name too long");
                }
            }
            pos[0] = after >= 0 ? after : p;
            return n == 0 ? "." : new String(out, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
