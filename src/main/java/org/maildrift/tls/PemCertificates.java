package org.maildrift.tls;

import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads the CERTIFICATE blocks of a PEM file (a certificate file, or a Postfix chain file that holds the
 * private key and then the certificates). Any other block, a private key above all, is skipped unread:
 * its base64 is never decoded. Errors name the file and line and never quote the file's content.
 */
public final class PemCertificates {

    /** A certificate file larger than this is refused: no chain is that long. */
    public static final int MAX_CHARS = 1024 * 1024;
    /** At most this many certificates per file. */
    public static final int MAX_CERTIFICATES = 32;

    /** What one file holds: the certificates in order, or why it cannot be used. */
    public record Read(List<Certificate> certificates, String problem) {
        public Read {
            certificates = List.copyOf(certificates);
        }
    }

    private PemCertificates() {
    }

    public static Read parse(String label, String text) {
        if (text.length() > MAX_CHARS) {
            return new Read(List.of(), label + ": larger than " + MAX_CHARS + " characters, refused");
        }
        List<Certificate> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        String block = null;
        int blockStart = 0;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (block == null) {
                if (line.startsWith("-----BEGIN ") && line.endsWith("-----") && line.length() > 16) {
                    block = line.substring(11, line.length() - 5);
                    blockStart = i + 1;
                    body.setLength(0);
                }
                continue;
            }
            if (line.equals("-----END " + block + "-----")) {
                if (block.equals("CERTIFICATE") || block.equals("TRUSTED CERTIFICATE")) {
                    if (out.size() >= MAX_CERTIFICATES) {
                        return new Read(List.of(), label + ": more than " + MAX_CERTIFICATES + " certificates, refused");
                    }
                    try {
                        out.add(certificate(Base64.getMimeDecoder().decode(body.toString())));
                    } catch (IllegalArgumentException | CertificateException e) {
                        return new Read(List.of(), label + " line " + blockStart
                                + ": the CERTIFICATE block is not a valid X.509 certificate");
                    }
                }
                block = null;
                continue;
            }
            if (line.startsWith("-----")) {
                return new Read(List.of(), label + " line " + (i + 1) + ": a PEM block starting at line " + blockStart
                        + " does not end before another boundary");
            }
            if (block.equals("CERTIFICATE") || block.equals("TRUSTED CERTIFICATE")) {
                body.append(line);
            }
        }
        if (block != null) {
            return new Read(List.of(), label + " line " + blockStart + ": a PEM block is not closed");
        }
        if (out.isEmpty()) {
            return new Read(List.of(), label + ": holds no CERTIFICATE block");
        }
        return new Read(out, null);
    }

    /** One DER certificate; throws when it does not parse. */
    public static Certificate certificate(byte[] der) throws CertificateException {
        X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        PublicKey key = x.getPublicKey();
        String algorithm;
        int bits;
        if (key instanceof RSAPublicKey rsa) {
            algorithm = "RSA";
            bits = rsa.getModulus().bitLength();
        } else if (key instanceof ECPublicKey ec) {
            algorithm = "ECDSA";
            bits = ec.getParams().getOrder().bitLength();
        } else {
            algorithm = key.getAlgorithm();
            bits = 0;
        }
        List<String> names = new ArrayList<>();
        try {
            if (x.getSubjectAlternativeNames() != null) {
                for (List<?> san : x.getSubjectAlternativeNames()) {
                    if (san.size() >= 2 && Integer.valueOf(2).equals(san.get(0)) && san.get(1) instanceof String s) {
                        names.add(s.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new CertificateException("bad subjectAltName", e);
        }
        String subject = x.getSubjectX500Principal().getName();
        if (names.isEmpty()) {
            String cn = commonName(x.getSubjectX500Principal().getName());
            if (cn != null) {
                names.add(cn.toLowerCase(Locale.ROOT));
            }
        }
        return new Certificate(org.maildrift.files.Printable.of(subject, 300), names.stream()
                .map(n -> org.maildrift.files.Printable.of(n, 255)).toList(), x.getNotBefore().toInstant(),
                x.getNotAfter().toInstant(), algorithm, bits, HexFormat.of().formatHex(x.getEncoded()),
                HexFormat.of().formatHex(key.getEncoded()));
    }

    private static String commonName(String rfc2253) {
        try {
            for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(rfc2253).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return null;
        }
        return null;
    }
}
