package org.maildrift.mta.model;

import java.util.List;

/**
 * What an MTA's configuration says about the mail it sends: the addresses its SMTP client binds to (none: the
 * host's own addresses), the name it gives in HELO, the relay it hands all mail to (null: it delivers
 * itself), the domains its envelope senders are in, and the alias files that decide where mail to postmaster
 * and root goes, with what they say ({@code aliases}), and the recipients of the MTA's own notices (Postfix
 * notify_classes). {@code unresolved} lists what the configuration does not tell (an expansion, a table).
 * {@code read} is false when the configuration was not read for this.
 */
public record SendingSettings(boolean read, List<Setting> bindAddresses, Setting helo, Setting relay,
        List<Setting> domains, List<Setting> aliasFiles, List<Setting> noticeRecipients, MailAliases aliases,
        List<String> unresolved) {

    /** One value with where it is set: {@code smtp_bind_address = 192.0.2.7 (main.cf:12)}. */
    public record Setting(String value, String setting, String file, int line) {
        public String describe() {
            String where = line > 0 ? file + ":" + line : file == null || file.isEmpty() ? "default" : file;
            return setting + " = " + value + " (" + where + ")";
        }
    }

    public static final SendingSettings UNKNOWN = new SendingSettings(false, List.of(), null, null, List.of(),
            List.of(), List.of(), MailAliases.NOT_READ, List.of());

    public SendingSettings {
        bindAddresses = List.copyOf(bindAddresses);
        domains = List.copyOf(domains);
        aliasFiles = List.copyOf(aliasFiles);
        noticeRecipients = List.copyOf(noticeRecipients);
        aliases = aliases == null ? MailAliases.NOT_READ : aliases;
        unresolved = List.copyOf(unresolved);
    }
}
