package org.maildrift.tls;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One TLSA record (RFC 6698) as SMTP reads it (RFC 7672): certificate usage, selector, matching type and
 * association data. Parsed from maildrift's canonical text "usage selector matching hex".
 */
public record Tlsa(int usage, int selector, int matchingType, String dataHex) {

    /** DANE-TA(2): the data names a trust anchor in the chain the server presents. */
    public static final int DANE_TA = 2;
    /** DANE-EE(3): the data names the server's own certificate or key. */
    public static final int DANE_EE = 3;

    /** The canonical text of a record, or empty when it is not four fields with hex data. */
    public static Optional<Tlsa> parse(String text) {
        String[] f = text.trim().split(" ");
        if (f.length != 4) {
            return Optional.empty();
        }
        try {
            int u = Integer.parseInt(f[0]);
            int s = Integer.parseInt(f[1]);
            int m = Integer.parseInt(f[2]);
            if (u < 0 || u > 255 || s < 0 || s > 255 || m < 0 || m > 255 || f[3].length() % 2 != 0) {
                return Optional.empty();
            }
            HexFormat.of().parseHex(f[3]);
            return Optional.of(new Tlsa(u, s, m, f[3].toLowerCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The "3 1 1" record for a certificate's key: it survives a renewal that keeps the key. */
    public static Tlsa endEntity(Certificate c) {
        return new Tlsa(DANE_EE, 1, 1, c.spkiSha256());
    }

    /**
     * Why SMTP cannot use this record (RFC 7672 section 3.1.3), or empty when it can: usages 0 and 1 rely on
     * public CAs that SMTP senders do not consult, and unknown selectors or matching types, and data of the
     * wrong length for its digest, match nothing.
     */
    public Optional<String> unusable() {
        if (usage == 0 || usage == 1) {
            return Optional.of("certificate usage " + usage + " (" + (usage == 0 ? "PKIX-TA" : "PKIX-EE")
                    + ") is unusable for SMTP: RFC 7672 section 3.1.3 tells senders to treat it as unusable");
        }
        if (usage != DANE_TA && usage != DANE_EE) {
            return Optional.of("certificate usage " + usage + " is not defined");
        }
        if (selector != 0 && selector != 1) {
            return Optional.of("selector " + selector + " is not defined (0 is the certificate, 1 its public key)");
        }
        int bytes = dataHex.length() / 2;
        return switch (matchingType) {
            case 0 -> bytes == 0 ? Optional.of("matching type 0 with no data") : Optional.empty();
            case 1 -> bytes == 32 ? Optional.empty()
                    : Optional.of("matching type 1 (SHA-256) needs 32 bytes of data, this record has " + bytes);
            case 2 -> bytes == 64 ? Optional.empty()
                    : Optional.of("matching type 2 (SHA-512) needs 64 bytes of data, this record has " + bytes);
            default -> Optional.of("matching type " + matchingType + " is not defined");
        };
    }

    /**
     * True when this record authenticates the chain a server presents: DANE-EE against the leaf, DANE-TA
     * against any certificate of the chain above the leaf (the trust anchor the server must send, RFC 7671
     * section 5.2.2). Unusable records match nothing.
     */
    public boolean matches(List<Certificate> chain) {
        if (chain.isEmpty() || unusable().isPresent()) {
            return false;
        }
        if (usage == DANE_EE) {
            return matches(chain.get(0));
        }
        for (int i = 1; i < chain.size(); i++) {
            if (matches(chain.get(i))) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(Certificate c) {
        byte[] data = selector == 0 ? c.der() : c.spki();
        String got = switch (matchingType) {
            case 0 -> HexFormat.of().formatHex(data);
            case 1 -> Certificate.digest("SHA-256", data);
            default -> Certificate.digest("SHA-512", data);
        };
        return got.equals(dataHex);
    }

    public String text() {
        return usage + " " + selector + " " + matchingType + " " + dataHex;
    }
}
