package org.maildrift.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** delv (Debian bind9-dnsutils), BIND's own validator, asked about a name with given trust anchors. */
public final class Delv {

    private Delv() {
    }

    public static Path delv() {
        return Peers.program("delv (Debian package bind9-dnsutils)", System.getenv("MAILDRIFT_DELV"), "/usr/bin/delv");
    }

    /**
     * What delv concludes: "secure" (fully validated, an answer or a validated denial), "insecure"
     * (unsigned answer), "bogus" (validation failed) or the first line it printed otherwise.
     */
    public static String verdict(Path dir, BindServer bind, List<String> ds, String root, String name, String type)
            throws IOException, InterruptedException {
        Path anchors = dir.resolve("delv-anchors-" + root + ".conf");
        Files.writeString(anchors, SignedZones.delvAnchors(ds));
        Process p = new ProcessBuilder(delv().toString(), "@127.0.0.1", "-p", String.valueOf(bind.port()), "-a",
                anchors.toString(), "+root=" + root, name, type).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        if (out.contains("fully validated")) {
            return "secure";
        }
        if (out.contains("; unsigned answer")) {
            return "insecure";
        }
        if (out.contains("validation fail") || out.contains("no valid RRSIG") || out.contains("no valid signature")
                || out.contains("failed to verify") || out.contains("broken trust chain")
                || out.contains("insecurity proof failed") || out.contains("resolution failed: failure")) {
            return "bogus";
        }
        return out.lines().findFirst().orElse("");
    }
}
