package org.maildrift.mta.model;

import java.util.List;

/**
 * The DKIM signing an MTA's own configuration sets up (Exim's transport options {@code dkim_domain},
 * {@code dkim_selector} and {@code dkim_private_key}): one entry per domain and selector, with the key file
 * and where it is configured, and what maildrift could not evaluate (an expansion).
 */
public record DkimSettings(List<Signer> signers, List<String> unresolved) {

    public static final DkimSettings NONE = new DkimSettings(List.of(), List.of());

    /** One domain signed with one selector and key; {@code setting} names the transport and option. */
    public record Signer(String domain, String selector, String keyPath, String setting, String file, int line) {
    }

    public DkimSettings {
        signers = List.copyOf(signers);
        unresolved = List.copyOf(unresolved);
    }
}
