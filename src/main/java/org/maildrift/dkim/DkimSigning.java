package org.maildrift.dkim;

import java.util.List;

/** What a host's DKIM signer is configured to sign with, and what maildrift could not read of it. */
public record DkimSigning(String signer, List<ConfiguredKey> keys, List<String> unresolved) {

    public static final DkimSigning NONE = new DkimSigning(null, List.of(), List.of());

    public DkimSigning {
        keys = List.copyOf(keys);
        unresolved = List.copyOf(unresolved);
    }
}
