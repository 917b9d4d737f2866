package org.maildrift.dkim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a host's agent pushes as {@code dkim}: a line {@code === rspamd-configdump} and the JSON of
 * {@code rspamadm configdump -j dkim_signing}, then for each key and map file it names a line {@code === PATH}
 * and the file's public half ({@code openssl pkey -pubout}) or the map's lines. Private keys never leave the
 * host: the service refuses a push that holds one.
 */
public final class PushedDkim {

    static final String CONFIGDUMP = "rspamd-configdump";

    private PushedDkim() {
    }

    /** The sections by name: {@code rspamd-configdump}, then absolute paths; a section given twice keeps its last. */
    public static Map<String, String> parse(String text) {
        return new LinkedHashMap<>(org.maildrift.files.Sections.parse(text,
                n -> n.equals(CONFIGDUMP) || n.startsWith("/")));
    }

    /** Whether a push holds a private key, which the service refuses to store. */
    public static boolean holdsPrivateKey(String text) {
        return text.contains("PRIVATE KEY-----");
    }

    /** The keys of the pushed signer configuration, for the domains the host sends for. */
    public static DkimSigning read(String text, List<String> senderDomains, String label) {
        Map<String, String> sections = parse(text);
        String dump = sections.remove(CONFIGDUMP);
        if (dump == null) {
            return new DkimSigning(RspamdDkimConfig.SIGNER, List.of(), List.of(label
                    + ": the push holds no rspamd-configdump section"));
        }
        return RspamdDkimConfig.fromConfigdump(dump, senderDomains, sections, label);
    }
}
