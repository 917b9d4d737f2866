package org.maildrift.inventory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.maildrift.mail.InterfaceAddress;
import org.maildrift.mail.Mta;

/**
 * The declared estate, read from one YAML file: where DNS comes from, the mail hosts with their
 * addresses and configurations, and the names and domains whose mail must arrive. Paths are absolute
 * (resolved against the inventory's folder); names are lower-case without a trailing dot.
 */
public record Inventory(Path file, String site, DnsSources dns, List<Host> hosts, Watch watch) {

    public Inventory {
        hosts = List.copyOf(hosts);
    }

    /** Where DNS evidence comes from: zone files, live views, and zones to enumerate by AXFR. */
    /**
     * Where DNS is read from. {@code trustAnchors} is a file of DS or DNSKEY records that live views validate
     * TLSA answers from; null for the root zone's keys.
     */
    public record DnsSources(List<Path> zoneFiles, List<View> views, List<String> transfers, Path trustAnchors) {
        public DnsSources {
            zoneFiles = List.copyOf(zoneFiles);
            views = List.copyOf(views);
            transfers = List.copyOf(transfers);
        }

        public DnsSources(List<Path> zoneFiles, List<View> views, List<String> transfers) {
            this(zoneFiles, views, transfers, null);
        }
    }

    /** A split-horizon view: servers as {@code IP[:PORT]}, or {@code system} for the machine's resolvers. */
    public record View(String name, List<String> servers) {
        public View {
            servers = List.copyOf(servers);
        }
    }

    /**
     * One mail host. {@code hostname} is the machine's own name (Postfix's myhostname default,
     * sendmail's $w); {@code interfaces} are its addresses, canonical, each with its subnet prefix when
     * the inventory gives one ({@code 192.0.2.20/24}); {@code config} is null when the host's agent pushes
     * its configuration to the service ({@code config: agent}); {@code filesRoot} may be null; {@code line}
     * is where the host is declared in the inventory; {@code opendkim} is the path of the host's opendkim.conf
     * (read under files-root), or null. {@code sendsFor} are domains the host sends mail for beyond those its
     * configuration names (myorigin, mydomain, the DKIM signing domains); {@code relayAddresses} are the
     * addresses receivers see when the host hands its mail to a relay that is not an inventory host;
     * {@code systemSenders} are the local users whose mail (cron, applications) leaves the host as
     * {@code USER@ORIGIN}, root always among them; {@code rspamd} is the path of the host's rspamd configuration
     * folder (read under files-root) when rspamd signs its mail, or null.
     */
    public record Host(String id, String hostname, List<InterfaceAddress> interfaces, Mta mta, Path config,
            Path filesRoot, int line, List<Table> tables, String opendkim, List<String> sendsFor,
            List<String> relayAddresses, List<String> systemSenders, String rspamd) {
        public Host {
            interfaces = List.copyOf(interfaces);
            tables = tables == null ? List.of() : List.copyOf(tables);
            sendsFor = sendsFor == null ? List.of() : List.copyOf(sendsFor);
            relayAddresses = relayAddresses == null ? List.of() : List.copyOf(relayAddresses);
            List<String> senders = new java.util.ArrayList<>(List.of("root"));
            if (systemSenders != null) {
                systemSenders.stream().map(u -> u.toLowerCase(java.util.Locale.ROOT))
                        .filter(u -> !senders.contains(u)).forEach(senders::add);
            }
            systemSenders = List.copyOf(senders);
        }

        /** A host whose system mail is sent by root alone. */
        public Host(String id, String hostname, List<InterfaceAddress> interfaces, Mta mta, Path config,
                Path filesRoot, int line, List<Table> tables, String opendkim, List<String> sendsFor,
                List<String> relayAddresses) {
            this(id, hostname, interfaces, mta, config, filesRoot, line, tables, opendkim, sendsFor, relayAddresses,
                    List.of(), null);
        }

        /** A host that sends for the domains its configuration names, itself or through an inventory relay. */
        public Host(String id, String hostname, List<InterfaceAddress> interfaces, Mta mta, Path config,
                Path filesRoot, int line, List<Table> tables, String opendkim) {
            this(id, hostname, interfaces, mta, config, filesRoot, line, tables, opendkim, List.of(), List.of());
        }

        /** The same host with another host name. */
        public Host withHostname(String other) {
            return new Host(id, other, interfaces, mta, config, filesRoot, line, tables, opendkim, sendsFor,
                    relayAddresses, systemSenders, rspamd);
        }

        /** The same host at other addresses (a readdressing). */
        public Host withInterfaces(List<InterfaceAddress> other) {
            return new Host(id, hostname, other, mta, config, filesRoot, line, tables, opendkim, sendsFor,
                    relayAddresses, systemSenders, rspamd);
        }

        /** A host without an OpenDKIM signer. */
        public Host(String id, String hostname, List<InterfaceAddress> interfaces, Mta mta, Path config,
                Path filesRoot, int line, List<Table> tables) {
            this(id, hostname, interfaces, mta, config, filesRoot, line, tables, null);
        }

        public Host(String id, String hostname, List<InterfaceAddress> interfaces, Mta mta, Path config,
                Path filesRoot, int line) {
            this(id, hostname, interfaces, mta, config, filesRoot, line, List.of());
        }

        /** The host's addresses, canonical literals, in inventory order. */
        public List<String> addresses() {
            return interfaces.stream().map(InterfaceAddress::address).toList();
        }

        public boolean pushedByAgent() {
            return config == null;
        }
    }

    /**
     * How maildrift reaches the database behind one Postfix table definition of a host ({@code file},
     * as main.cf names it): each other field, when not null, replaces the definition's own setting.
     * {@code passwordFile} is read when the table is opened; the inventory holds no password.
     */
    public record Table(String file, String hosts, String user, Path passwordFile, String dbname, Path dbpath,
            int line) {
    }

    /** Names people address mail to, mail domains, and zones whose every name routing to a host is watched. */
    /**
     * What to watch. {@code mtaStsPolicies} maps a watched domain to a file holding its MTA-STS policy, for
     * estates that are checked offline; other domains' policies are fetched over HTTPS.
     */
    public record Watch(List<String> names, List<String> domains, List<String> zones, Map<String, Path> mtaStsPolicies) {
        public Watch {
            names = List.copyOf(names);
            domains = List.copyOf(domains);
            zones = List.copyOf(zones);
            mtaStsPolicies = Map.copyOf(mtaStsPolicies);
        }

        public Watch(List<String> names, List<String> domains, List<String> zones) {
            this(names, domains, zones, Map.of());
        }
    }

    public Optional<Host> host(String id) {
        return hosts.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    /** The same estate with other hosts (a pre-change check's proposed host names). */
    public Inventory withHosts(List<Host> other) {
        return new Inventory(file, site, dns, other, watch);
    }

    /** The same estate with other DNS sources (used to check the same estate against live servers). */
    public Inventory withDns(DnsSources other) {
        return new Inventory(file, site, other, hosts, watch);
    }
}
