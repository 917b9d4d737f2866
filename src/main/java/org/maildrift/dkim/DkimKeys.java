package org.maildrift.dkim;

import java.util.Base64;
import java.util.Locale;

import org.maildrift.mta.FilesRoot;

/**
 * Reads a DKIM key file: a private key (PKCS#8 {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE KEY}), of
 * which only the public half is kept, or the public half itself ({@code PUBLIC KEY}, as {@code openssl pkey
 * -pubout} writes it), for copies of a host's files that leave private keys behind. Errors name the file
 * and line and never quote the key.
 */
public final class DkimKeys {

    public static final int MAX_CHARS = 64 * 1024;

    /** The key, or why there is none. */
    public record Read(DkimKey key, String problem) {
    }

    private DkimKeys() {
    }

    public static Read parse(String file, String text) {
        if (text.length() > MAX_CHARS) {
            return new Read(null, file + ": larger than " + MAX_CHARS + " characters, not a key file");
        }
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (!l.startsWith("-----BEGIN ") || !l.endsWith("-----") || l.length() < 17) {
                continue;
            }
            String label = l.substring(11, l.length() - 5);
            StringBuilder body = new StringBuilder();
            int j = i + 1;
            for (; j < lines.length && !lines[j].strip().equals("-----END " + label + "-----"); j++) {
                body.append(lines[j].strip());
            }
            if (j >= lines.length) {
                return new Read(null, file + " line " + (i + 1) + ": the " + label + " block is not closed");
            }
            if (!label.equals("PUBLIC KEY") && !label.equals("PRIVATE KEY") && !label.equals("RSA PRIVATE KEY")) {
                i = j;
                continue;
            }
            try {
                DkimKey key = DkimKey.fromDer(label, Base64.getMimeDecoder().decode(body.toString()));
                return new Read(key, null);
            } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
                return new Read(null, file + " line " + (i + 1) + ": the " + label
                        + " block is not an RSA key maildrift can read");
            }
        }
        return new Read(null, file + ": holds no PUBLIC KEY, PRIVATE KEY or RSA PRIVATE KEY block");
    }

    /**
     * A configured key: the domain and selector checked as DNS names, and the key file read under files-root
     * (only its public half kept).
     */
    public static ConfiguredKey configured(String domain, String selector, String keyPath, String setting, String file,
            int line, FilesRoot files) {
        return configured(domain, selector, keyPath, setting, file, line, files::read);
    }

    /** The same, with the key file read by {@code files} (a files-root, or what a host's agent pushed). */
    public static ConfiguredKey configured(String domain, String selector, String keyPath, String setting, String file,
            int line, java.util.function.Function<String, FilesRoot.Read> files) {
        String d = domain.toLowerCase(Locale.ROOT);
        String s = selector.toLowerCase(Locale.ROOT);
        if (!d.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)*") || !s.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)*")) {
            return new ConfiguredKey(org.maildrift.files.Printable.of(d, 100), org.maildrift.files.Printable.of(s, 60),
                    keyPath, setting, file, line, null, "the domain or selector is not a DNS name");
        }
        FilesRoot.Read k = files.apply(keyPath);
        if (!k.ok()) {
            return new ConfiguredKey(d, s, keyPath, setting, file, line, null, k.failure());
        }
        DkimKeys.Read read = DkimKeys.parse(keyPath, k.text());
        return new ConfiguredKey(d, s, keyPath, setting, file, line, read.key(), read.problem());
    }


    /** The signing an MTA's own configuration sets up (Exim's transports), with each key read under files-root. */
    public static DkimSigning of(String signer, org.maildrift.mta.model.DkimSettings settings,
            org.maildrift.mta.FilesRoot files) {
        java.util.List<ConfiguredKey> keys = new java.util.ArrayList<>();
        for (org.maildrift.mta.model.DkimSettings.Signer s : settings.signers()) {
            keys.add(configured(s.domain(), s.selector(), s.keyPath(), s.setting(), s.file(), s.line(), files));
        }
        return new DkimSigning(signer, keys, settings.unresolved());
    }
}
