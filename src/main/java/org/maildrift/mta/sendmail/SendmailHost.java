package org.maildrift.mta.sendmail;

import java.util.List;

/**
 * What sendmail learns about its own machine before reading sendmail.cf (spec S1.1, S1.6), supplied
 * by the caller because maildrift does not look at the checker's own machine: the kernel host name,
 * the uname node name, the host entry that name resolves to, and the interfaces sendmail would probe.
 */
public record SendmailHost(String hostname, String nodeName, HostEntry entry, List<Interface> interfaces) {

    /** gethostbyname() of the host name: official name, aliases and addresses. */
    public record HostEntry(String officialName, List<String> aliases, List<String> addresses) {
        public HostEntry {
            aliases = List.copyOf(aliases);
            addresses = List.copyOf(addresses);
        }
    }

    /** One interface address; reverse name and aliases as the host's resolver returns them (may be null/empty). */
    public record Interface(String address, boolean loopback, String reverseName, List<String> reverseAliases) {
        public Interface {
            reverseAliases = List.copyOf(reverseAliases);
        }
    }

    public SendmailHost {
        interfaces = List.copyOf(interfaces);
    }

    /**
     * The usual picture when only a name and addresses are known: the name resolves to itself with
     * those addresses, loopback answers to {@code localhost}, and each address reverses to the name.
     */
    public static SendmailHost simple(String hostname, List<String> addresses) {
        return withFqdn(hostname, null, addresses);
    }

    /**
     * Debian's usual set-up: a short kernel host name ({@code mail}) that /etc/hosts maps to the FQDN
     * ({@code 127.0.1.1 mail.example.com mail} or the host's address): the host entry's official name is
     * the FQDN with the short name as an alias, and each address reverses to the FQDN. With no FQDN,
     * or the same name, this is {@link #simple}.
     */
    public static SendmailHost withFqdn(String hostname, String fqdn, List<String> addresses) {
        String kernel = hostname == null || hostname.isBlank() ? "localhost" : hostname.strip();
        String official = fqdn == null || fqdn.isBlank() ? kernel : fqdn.strip();
        List<String> aliases = official.equalsIgnoreCase(kernel) ? List.of() : List.of(kernel);
        List<Interface> ifaces = new java.util.ArrayList<>();
        ifaces.add(new Interface("127.0.0.1", true, "localhost", List.of()));
        for (String a : addresses) {
            if (!a.contains(":")) {
                ifaces.add(new Interface(a, false, official, aliases));
            }
        }
        return new SendmailHost(kernel, kernel, new HostEntry(official, aliases, addresses), ifaces);
    }
}
