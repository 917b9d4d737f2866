package org.maildrift.mta.model;

import java.util.List;

/**
 * What an MTA's configuration says about the TLS its SMTP server offers: whether it offers STARTTLS at
 * all, the certificate files it presents, and what maildrift could not tell (a file name built by an
 * expansion it does not evaluate). {@code why} explains an {@code offered == false}.
 */
public record TlsSettings(boolean offered, List<CertificateSetting> certificates, List<String> unresolved,
        String why) {

    public static final TlsSettings UNKNOWN = new TlsSettings(false, List.of(),
            List.of("the configuration was not read"), "the configuration was not read");

    public TlsSettings {
        certificates = List.copyOf(certificates);
        unresolved = List.copyOf(unresolved);
    }

    public static TlsSettings none(String why) {
        return new TlsSettings(false, List.of(), List.of(), why);
    }
}
