package org.maildrift.dkim;

import java.util.List;

/** What a host's DKIM signer is configured to sign with, and what maildrift could not read of it. */
public record DkimSigning(String signer, List<ConfiguredKey> keys, List<String> unresolved) {

    public static final DkimSigning NONE = new DkimSigning(null, List.of(), List.of());

    public DkimSigning {
        keys = List.copyOf(keys);
        unresolved = List.copyOf(unresolved);
    }

    /** Both signers' keys (a host with OpenDKIM and rspamd, say). */
    public DkimSigning and(DkimSigning other) {
        if (signer == null) {
            return other;
        }
        List<ConfiguredKey> k = new java.util.ArrayList<>(keys);
        k.addAll(other.keys);
        List<String> u = new java.util.ArrayList<>(unresolved);
        u.addAll(other.unresolved);
        return new DkimSigning(other.signer == null ? signer : signer + ", " + other.signer, k, u);
    }
}
