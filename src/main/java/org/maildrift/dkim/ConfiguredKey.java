package org.maildrift.dkim;

/**
 * One key a signer is configured to sign with: signing domain and selector, the key file as the host names
 * it, where that is configured (file and line), and the key's public half, or why it is not known.
 */
public record ConfiguredKey(String domain, String selector, String keyPath, String setting, String file, int line,
        DkimKey key, String problem) {

    /** Where the record must be: SELECTOR._domainkey.DOMAIN. */
    public String recordName() {
        return selector + "._domainkey." + domain;
    }

    /** The setting as people read it: "KeyTable /etc/opendkim/key.table line 2". */
    public String describe() {
        return setting + " " + file + (line > 0 ? " line " + line : "");
    }
}
