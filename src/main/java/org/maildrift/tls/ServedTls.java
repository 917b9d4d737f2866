package org.maildrift.tls;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.CertificateSetting;
import org.maildrift.mta.model.TlsSettings;

/**
 * The TLS a mail host's SMTP server offers, as its configuration and its certificate files tell:
 * whether it offers STARTTLS ({@code why} says why not, or why its key cannot be known), one chain per
 * configured certificate file (an RSA and an ECDSA one are separate chains: a sender may negotiate
 * either), and what could not be found out.
 */
public record ServedTls(boolean offered, String why, List<CertificateChain> chains, List<String> unresolved) {

    public ServedTls {
        chains = List.copyOf(chains);
        unresolved = List.copyOf(unresolved);
    }

    /** The settings without their files read (a reading that names no certificate reads nothing anyway). */
    public static ServedTls notRead(TlsSettings settings) {
        List<String> unresolved = new ArrayList<>(settings.unresolved());
        List<CertificateChain> chains = new ArrayList<>();
        for (CertificateSetting c : settings.certificates()) {
            chains.add(new CertificateChain(c.setting(), c.path(), c.file(), c.line(), List.of(),
                    c.path() + ": certificate files were not read"));
        }
        return new ServedTls(settings.offered(), settings.why(), chains, unresolved);
    }

    /** Reads each configured certificate file under files-root (never a private key: only CERTIFICATE blocks). */
    public static ServedTls read(TlsSettings settings, FilesRoot files) {
        List<CertificateChain> chains = new ArrayList<>();
        for (CertificateSetting c : settings.certificates()) {
            FilesRoot.Read r = files.read(c.path());
            if (!r.ok()) {
                chains.add(new CertificateChain(c.setting(), c.path(), c.file(), c.line(), List.of(), r.failure()));
                continue;
            }
            PemCertificates.Read pem = PemCertificates.parse(c.path(), r.text());
            chains.add(new CertificateChain(c.setting(), c.path(), c.file(), c.line(), pem.certificates(), pem.problem()));
        }
        return new ServedTls(settings.offered(), settings.why(), chains, settings.unresolved());
    }

    /** From certificates pushed by the host's agent ({@code tls-chain}): the PEM text per configured path. */
    public static ServedTls fromPushed(TlsSettings settings, java.util.function.Function<String, String> pemByPath) {
        List<CertificateChain> chains = new ArrayList<>();
        for (CertificateSetting c : settings.certificates()) {
            String text = pemByPath.apply(c.path());
            if (text == null) {
                chains.add(new CertificateChain(c.setting(), c.path(), c.file(), c.line(), List.of(),
                        c.path() + ": the host's agent has not pushed this certificate (tls-chain)"));
                continue;
            }
            PemCertificates.Read pem = PemCertificates.parse(c.path(), text);
            chains.add(new CertificateChain(c.setting(), c.path(), c.file(), c.line(), pem.certificates(), pem.problem()));
        }
        return new ServedTls(settings.offered(), settings.why(), chains, settings.unresolved());
    }
}
