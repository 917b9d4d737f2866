package org.maildrift.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * One X.509 certificate as maildrift uses it: subject, DNS names (subjectAltName dNSName entries, or the
 * subject CN when there are none), validity, the public key's algorithm family ("RSA", "ECDSA", "Ed25519",
 * …) and size, and the DER of the certificate and of its SubjectPublicKeyInfo in hex. Never a private key.
 */
public record Certificate(String subject, List<String> dnsNames, Instant notBefore, Instant notAfter,
        String keyAlgorithm, int keyBits, String derHex, String spkiHex) {

    public Certificate {
        dnsNames = List.copyOf(dnsNames);
    }

    public byte[] der() {
        return HexFormat.of().parseHex(derHex);
    }

    public byte[] spki() {
        return HexFormat.of().parseHex(spkiHex);
    }

    /** The key as people name it: "RSA 2048", "ECDSA 256". */
    public String keyLabel() {
        return keyBits > 0 ? keyAlgorithm + " " + keyBits : keyAlgorithm;
    }

    /** SHA-256 of the SubjectPublicKeyInfo in hex: the data of a "3 1 1" TLSA record. */
    public String spkiSha256() {
        return digest("SHA-256", spki());
    }

    static String digest(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
