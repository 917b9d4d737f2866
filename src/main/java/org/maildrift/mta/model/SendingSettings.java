package org.maildrift.mta.model;

import java.util.List;

/**
 * What an MTA's configuration says about the mail it sends: the addresses its SMTP client binds to (none: the
 * host's own addresses), the name it gives in HELO, the relay it hands all mail to (null: it delivers
 * itself), the domains its envelope senders are in, and the alias files that decide where mail to postmaster
 * and root goes, with what they say ({@code aliases}), and the recipients of the MTA's own notices (Postfix
 * notify_classes). {@code unresolved} lists what the configuration does not tell (an expansion, a table).
 * {@code families} is the setting that limits the address families the SMTP client uses (Postfix
 * inet_protocols, Exim disable_ipv6; null: both). {@code read} is false when the configuration was not read
 * for this.
 */
public record SendingSettings(boolean read, List<Setting> bindAddresses, Setting helo, Setting relay,
        List<Setting> domains, List<Setting> aliasFiles, List<Setting> noticeRecipients, MailAliases aliases,
        List<String> unresolved, Setting families, SenderRelays senderRelays) {

    /**
     * Relays chosen by the envelope sender (Postfix sender_dependent_relayhost_maps): each key ("user@domain",
     * "@domain") with its relay, where the table is set; {@code unreadable} says why some of them are not known
     * (a table maildrift cannot read), else null.
     */
    public record SenderRelays(java.util.Map<String, Setting> byKey, String unreadable) {
        public static final SenderRelays NONE = new SenderRelays(java.util.Map.of(), null);

        public SenderRelays {
            byKey = java.util.Map.copyOf(byKey);
        }

        /**
         * The relay for mail from {@code sender} as Postfix looks it up: the whole address, then "@domain"; null
         * when the table names none for it (or says DUNNO): the default relay applies.
         */
        public Setting relayFor(String sender) {
            String s = sender.toLowerCase(java.util.Locale.ROOT);
            Setting r = byKey.get(s);
            if (r == null && s.indexOf('@') >= 0) {
                r = byKey.get(s.substring(s.indexOf('@')));
            }
            return r == null || r.value().equalsIgnoreCase("DUNNO") ? null : r;
        }
    }

    /** One value with where it is set: {@code smtp_bind_address = 192.0.2.7 (main.cf:12)}. */
    public record Setting(String value, String setting, String file, int line) {
        /** The setting without the reader's note: "helo_data" of "helo_data (default $primary_hostname)". */
        public String name() {
            int note = setting.indexOf(" (");
            return note > 0 ? setting.substring(0, note) : setting;
        }

        public String describe() {
            String where = line > 0 ? file + ":" + line : file == null || file.isEmpty() ? "default" : file;
            return setting + " = " + value + " (" + where + ")";
        }
    }

    public static final SendingSettings UNKNOWN = new SendingSettings(false, List.of(), null, null, List.of(),
            List.of(), List.of(), MailAliases.NOT_READ, List.of(), null, SenderRelays.NONE);

    /** Without a setting that limits the address families: the client sends over IPv4 and IPv6. */
    public SendingSettings(boolean read, List<Setting> bindAddresses, Setting helo, Setting relay,
            List<Setting> domains, List<Setting> aliasFiles, List<Setting> noticeRecipients, MailAliases aliases,
            List<String> unresolved) {
        this(read, bindAddresses, helo, relay, domains, aliasFiles, noticeRecipients, aliases, unresolved, null,
                SenderRelays.NONE);
    }

    /** Without relays chosen by the sender. */
    public SendingSettings(boolean read, List<Setting> bindAddresses, Setting helo, Setting relay,
            List<Setting> domains, List<Setting> aliasFiles, List<Setting> noticeRecipients, MailAliases aliases,
            List<String> unresolved, Setting families) {
        this(read, bindAddresses, helo, relay, domains, aliasFiles, noticeRecipients, aliases, unresolved, families,
                SenderRelays.NONE);
    }

    public SendingSettings {
        bindAddresses = List.copyOf(bindAddresses);
        domains = List.copyOf(domains);
        aliasFiles = List.copyOf(aliasFiles);
        noticeRecipients = List.copyOf(noticeRecipients);
        aliases = aliases == null ? MailAliases.NOT_READ : aliases;
        unresolved = List.copyOf(unresolved);
        senderRelays = senderRelays == null ? SenderRelays.NONE : senderRelays;
    }

    /**
     * Whether the SMTP client sends over IPv6 ({@code v6}) or IPv4: {@code families} holds "all", "ipv4",
     * "ipv6" or a list of them (Postfix's inet_protocols), or "ipv4" for Exim's disable_ipv6.
     */
    public boolean sendsOver(boolean v6) {
        if (families == null) {
            return true;
        }
        String v = families.value().toLowerCase(java.util.Locale.ROOT);
        return v.contains("all") || v.contains(v6 ? "ipv6" : "ipv4");
    }
}
