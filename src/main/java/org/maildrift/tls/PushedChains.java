package org.maildrift.tls;

import java.util.Map;

/**
 * What a host's agent pushes as {@code tls-chain}: for each certificate file its MTA's configuration names,
 * a line {@code === PATH} and then the file's CERTIFICATE blocks (the agent leaves private keys behind). The
 * text of each section is read with {@link PemCertificates}, which skips anything else.
 */
public final class PushedChains {

    private PushedChains() {
    }

    /** PEM text by the path the host's configuration names; a path given twice keeps its last section. */
    public static Map<String, String> parse(String text) {
        return org.maildrift.files.Sections.parse(text, p -> p.startsWith("/"));
    }
}
