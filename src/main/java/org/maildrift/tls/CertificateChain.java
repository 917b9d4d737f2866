package org.maildrift.tls;

import java.util.List;

/**
 * The certificates one configured file holds, leaf first, with the setting that names the file and where
 * that setting is. {@code problem} is set (and {@code certificates} empty) when the file could not be read
 * or holds no usable certificate: the key it stands for is unknown, not absent.
 */
public record CertificateChain(String setting, String path, String file, int line, List<Certificate> certificates,
        String problem) {

    public CertificateChain {
        certificates = List.copyOf(certificates);
    }

    public boolean readable() {
        return problem == null && !certificates.isEmpty();
    }

    /** The certificate the server presents; null when unreadable. */
    public Certificate leaf() {
        return certificates.isEmpty() ? null : certificates.get(0);
    }

    /** The setting as people read it: "smtpd_tls_chain_files in main.cf line 40". */
    public String describe() {
        return setting + " (" + path + ") in " + file + (line > 0 ? " line " + line : "");
    }
}
