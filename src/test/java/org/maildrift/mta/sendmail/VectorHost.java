package org.maildrift.mta.sendmail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.maildrift.testsupport.Vectors;

/**
 * Builds the {@link SendmailHost} a recorded sendmail vector ran with, from its .env (host name,
 * interfaces), .hosts (the /etc/hosts it saw) and .dns (the dnsmasq records it saw): the same lookups
 * sendmail made, answered from the same data.
 */
final class VectorHost {

    private VectorHost() {
    }

    record HostsLine(String address, String official, List<String> aliases) {
    }

    static SendmailHost of(Path dir, String name) {
        Map<String, String> env = Vectors.keyValues(dir.resolve(name + ".env"));
        String hostname = env.get("hostname").split(" ")[0];
        List<HostsLine> hosts = hosts(Vectors.read(dir.resolve(name + ".hosts")));
        Path dnsFile = dir.resolve(name + ".dns");
        String dns = Files.exists(dnsFile) ? Vectors.read(dnsFile) : "";

        SendmailHost.HostEntry entry = null;
        Matcher cname = Pattern.compile("--cname=" + Pattern.quote(hostname) + ",([^ ]+)").matcher(dns);
        if (cname.find()) {
            String target = cname.group(1);
            Matcher a = Pattern.compile("--host-record=" + Pattern.quote(target) + ",([^ ]+)").matcher(dns);
            entry = new SendmailHost.HostEntry(target, List.of(hostname), a.find() ? List.of(a.group(1)) : List.of());
        }
        if (entry == null) {
            for (HostsLine h : hosts) {
                if (h.official().equalsIgnoreCase(hostname) || h.aliases().stream().anyMatch(hostname::equalsIgnoreCase)) {
                    entry = new SendmailHost.HostEntry(h.official(), h.aliases(), List.of(h.address()));
                    break;
                }
            }
        }
        List<SendmailHost.Interface> ifaces = new ArrayList<>();
        String spec = env.getOrDefault("interfaces", "");
        for (String dev : spec.split(" ")) {
            int colon = dev.indexOf(':');
            if (colon < 0) {
                continue;
            }
            boolean loopback = dev.startsWith("lo:");
            for (String addr : dev.substring(colon + 1).split(",")) {
                if (addr.contains(":")) {
                    continue;
                }
                HostsLine rev = hosts.stream().filter(h -> h.address().equals(addr)).findFirst().orElse(null);
                ifaces.add(new SendmailHost.Interface(addr, loopback, rev == null ? null : rev.official(),
                        rev == null ? List.of() : rev.aliases()));
            }
        }
        return new SendmailHost(hostname, hostname, entry, ifaces);
    }

    static List<HostsLine> hosts(String text) {
        List<HostsLine> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\\s+");
            if (f.length >= 2) {
                out.add(new HostsLine(f[0], f[1], List.of(f).subList(2, f.length)));
            }
        }
        return out;
    }
}
