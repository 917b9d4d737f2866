package org.maildrift.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The DNS of a small hosting estate for the table tests: mx1.hosting.test (192.0.2.40) is the MX of
 * active., second. and inactive.hosting.test, with its reverse zone, as zones/hosting.test.zone and
 * zones/2.0.192.in-addr.arpa.zone under a folder; and the watch list and DNS part of its inventory.
 */
public final class HostingEstate {

    /** The inventory's lines before {@code hosts:}. */
    public static final String DNS = """
            site: hosting
            dns:
              zone-files: [zones/hosting.test.zone, zones/2.0.192.in-addr.arpa.zone]
            """;

    /** The inventory's lines after the hosts. */
    public static final String WATCH = """
            watch:
              domains: [active.hosting.test, second.hosting.test, inactive.hosting.test]
            """;

    private HostingEstate() {
    }

    public static void writeZones(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("zones"));
        Files.writeString(dir.resolve("zones/hosting.test.zone"), """
                $ORIGIN hosting.test.
                $TTL 300
                @         SOA ns1 hostmaster 1 3600 600 86400 300
                          NS  ns1
                ns1       A   192.0.2.53
                mx1       A   192.0.2.40
                active    MX  10 mx1
                second    MX  10 mx1
                inactive  MX  10 mx1
                """);
        Files.writeString(dir.resolve("zones/2.0.192.in-addr.arpa.zone"), """
                $ORIGIN 2.0.192.in-addr.arpa.
                $TTL 300
                @   SOA ns1.hosting.test. hostmaster.hosting.test. 1 3600 600 86400 300
                    NS  ns1.hosting.test.
                40  PTR mx1.hosting.test.
                """);
    }
}
