package org.maildrift.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test certificates made with the openssl command (RSA and ECDSA; self-signed, or issued by a test CA),
 * and TLSA data computed by openssl itself, independently of maildrift: the public key as DER through
 * {@code openssl pkey -pubin -outform DER}, the certificate through {@code openssl x509 -outform DER},
 * digested with {@code openssl dgst}.
 */
public final class Openssl {

    private Openssl() {
    }

    public static Path openssl() {
        return Peers.program("openssl (Debian package openssl)", "/usr/bin/openssl");
    }

    /** A key pair and self-signed certificate for {@code names} (the first is the CN); returns the certificate file. */
    public static Path selfSigned(Path dir, String base, String keyType, String... names) throws IOException,
            InterruptedException {
        Path key = dir.resolve(base + ".key");
        Path cert = dir.resolve(base + ".pem");
        List<String> cmd = new ArrayList<>(List.of(openssl().toString(), "req", "-x509", "-nodes", "-days", "30",
                "-keyout", key.toString(), "-out", cert.toString(), "-subj", "/CN=" + names[0], "-addext",
                "subjectAltName=" + san(names)));
        cmd.addAll(keyArgs(keyType));
        run(dir, cmd);
        return cert;
    }

    /** A new 2048-bit RSA private key (PKCS#8 PEM) in {@code file}. */
    public static Path rsaKey(Path file) throws IOException, InterruptedException {
        run(file.getParent(), List.of(openssl().toString(), "genpkey", "-algorithm", "RSA", "-pkeyopt",
                "rsa_keygen_bits:2048", "-out", file.toString()));
        return file;
    }

    /** The base64 of a private key's public half (SubjectPublicKeyInfo), as a DKIM record's p= holds it. */
    public static String dkimPublic(Path key) throws IOException, InterruptedException {
        String pem = run(key.getParent(), List.of(openssl().toString(), "pkey", "-pubout", "-in", key.toString()));
        StringBuilder b = new StringBuilder();
        for (String l : pem.split("\n")) {
            if (!l.startsWith("-----") && !l.isBlank()) {
                b.append(l.strip());
            }
        }
        return b.toString();
    }

    /** A CA (self-signed) and a leaf it issues; returns {leaf, ca}. */
    public static Path[] issued(Path dir, String base, String... names) throws IOException, InterruptedException {
        Path caKey = dir.resolve(base + "-ca.key");
        Path ca = dir.resolve(base + "-ca.pem");
        List<String> cmd = new ArrayList<>(List.of(openssl().toString(), "req", "-x509", "-nodes", "-days", "30",
                "-keyout", caKey.toString(), "-out", ca.toString(), "-subj", "/CN=" + base + " test CA"));
        cmd.addAll(keyArgs("ec"));
        run(dir, cmd);
        Path key = dir.resolve(base + ".key");
        Path csr = dir.resolve(base + ".csr");
        cmd = new ArrayList<>(List.of(openssl().toString(), "req", "-new", "-nodes", "-keyout", key.toString(), "-out",
                csr.toString(), "-subj", "/CN=" + names[0]));
        cmd.addAll(keyArgs("ec"));
        run(dir, cmd);
        Path ext = dir.resolve(base + ".ext");
        Files.writeString(ext, "subjectAltName=" + san(names) + "\n");
        Path leaf = dir.resolve(base + ".pem");
        run(dir, List.of(openssl().toString(), "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey",
                caKey.toString(), "-CAcreateserial", "-days", "30", "-extfile", ext.toString(), "-out", leaf.toString()));
        return new Path[] {leaf, ca};
    }

    /** TLSA association data as openssl computes it: selector 0 (certificate) or 1 (public key); matching 1 or 2. */
    public static String tlsaData(Path dir, Path cert, int selector, int matching) throws IOException,
            InterruptedException {
        Path der = dir.resolve(cert.getFileName() + "." + selector + ".der");
        if (selector == 0) {
            run(dir, List.of(openssl().toString(), "x509", "-in", cert.toString(), "-outform", "DER", "-out",
                    der.toString()));
        } else {
            Path pub = dir.resolve(cert.getFileName() + ".pub");
            run(dir, List.of(openssl().toString(), "x509", "-in", cert.toString(), "-pubkey", "-noout", "-out",
                    pub.toString()));
            run(dir, List.of(openssl().toString(), "pkey", "-pubin", "-in", pub.toString(), "-outform", "DER", "-out",
                    der.toString()));
        }
        String out = run(dir, List.of(openssl().toString(), "dgst", matching == 1 ? "-sha256" : "-sha512", "-r",
                der.toString()));
        return out.trim().split("\\s+")[0];
    }

    private static List<String> keyArgs(String keyType) {
        return keyType.equals("rsa") ? List.of("-newkey", "rsa:2048")
                : List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
    }

    private static String san(String... names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(sb.length() == 0 ? "" : ",").append("DNS:").append(n);
        }
        return sb.toString();
    }

    private static String run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
