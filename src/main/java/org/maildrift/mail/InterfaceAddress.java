package org.maildrift.mail;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * One address of a host's network interface, with the length of its subnet prefix when known
 * ({@code 192.0.2.20/24}); {@code prefixLength} is -1 when the inventory gives the bare address. The
 * address is canonical ({@link IpAddresses#canonical}).
 */
public record InterfaceAddress(String address, int prefixLength) {

    public InterfaceAddress {
        if (address == null || IpAddresses.parse(address) == null) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address");
        }
        int max = address.indexOf(':') >= 0 ? 128 : 32;
        if (prefixLength < -1 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length out of range");
        }
    }

    /** {@code ADDRESS} or {@code ADDRESS/LENGTH}; null when the text is neither. */
    public static InterfaceAddress parse(String text) {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        InetAddress ip = IpAddresses.parse(addr);
        if (ip == null) {
            return null;
        }
        int prefix = -1;
        if (slash >= 0) {
            String len = text.substring(slash + 1);
            if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            prefix = Integer.parseInt(len);
            if (prefix > (ip instanceof Inet6Address ? 128 : 32)) {
                return null;
            }
        }
        return new InterfaceAddress(IpAddresses.canonical(ip), prefix);
    }

    /** A bare address, prefix unknown. */
    public static InterfaceAddress of(String address) {
        InterfaceAddress a = parse(address);
        if (a == null || a.prefixLength != -1) {
            throw new IllegalArgumentException("not a bare IPv4 or IPv6 address");
        }
        return a;
    }

    public boolean ipv6() {
        return address.indexOf(':') >= 0;
    }

    public boolean prefixKnown() {
        return prefixLength >= 0;
    }

    @Override
    public String toString() {
        return prefixKnown() ? address + "/" + prefixLength : address;
    }
}
