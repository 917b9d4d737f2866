package org.maildrift.dns.resolver;

/** Gives tests in other packages (the fuzz test) access to the package-private codec. */
public final class DnsWireProbe {

    private DnsWireProbe() {
    }

    public static void parseOrReject(byte[] datagram) {
        try {
            DnsWire.parse(datagram);
        } catch (IllegalArgumentException expected) {
            // malformed input is rejected this way and only this way
        }
    }
}
