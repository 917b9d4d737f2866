package org.maildrift.mta.readers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.maildrift.mail.InterfaceAddress;
import org.maildrift.mail.Mta;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.captured.CapturedClassW;
import org.maildrift.mta.captured.ClassWDumpDialect;
import org.maildrift.mta.model.Acceptance;
import org.maildrift.mta.model.ConfigProblem;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.model.MtaDialect;
import org.maildrift.mta.postfix.PostfixDialect;
import org.maildrift.mta.postfix.PostfixReader;
import org.maildrift.mta.postfix.tables.TableAccess;
import org.maildrift.mta.sendmail.SendmailCfReader;
import org.maildrift.mta.sendmail.SendmailDialect;
import org.maildrift.mta.sendmail.SendmailHost;

/**
 * Reads one host's configuration, whichever form it comes in: a Postfix main.cf (or its directory, or
 * captured postconf output), a sendmail.cf, or a captured {@code $=w} list. Never throws: an unreadable
 * file becomes an error in the result, naming the file.
 */
public final class MtaConfigReader {

    private MtaConfigReader() {
    }

    public static HostNames read(Mta kind, Path config, String hostname, List<InterfaceAddress> addresses,
            FilesRoot files) {
        return read(kind, config, hostname, addresses, files, TableAccess.NONE);
    }

    /** As {@link #read(Mta, Path, String, List, FilesRoot)}, with the host's database tables reachable. */
    public static HostNames read(Mta kind, Path config, String hostname, List<InterfaceAddress> addresses,
            FilesRoot files, TableAccess tables) {
        if (kind == Mta.POSTFIX) {
            return PostfixReader.read(config, new PostfixReader.Host(hostname, addresses, tables), files);
        }
        if (kind == Mta.EXIM) {
            return org.maildrift.mta.exim.EximReader.read(config,
                    new org.maildrift.mta.exim.EximReader.Host(hostname, bare(addresses), tables), files);
        }
        String text;
        try {
            text = org.maildrift.files.TextFile.read(config, SendmailCfReader.MAX_FILE_CHARS);
        } catch (IOException e) {
            return unreadable(Mta.SENDMAIL, config.toString(), "cannot read: "
                    + org.maildrift.files.TextFile.describe(e));
        }
        return CapturedClassW.looksLikeDump(text) ? CapturedClassW.read(config.toString(), text)
                : SendmailCfReader.read(config.toString(), text, SendmailHost.simple(hostname, bare(addresses)), files);
    }

    /**
     * Reads a configuration given as text, as if it were the file {@code config} (a main.cf or its
     * directory, captured postconf output, a sendmail.cf or a {@code $=w} dump): provenance names that file.
     */
    public static HostNames readText(Mta kind, Path config, String text, String hostname, List<InterfaceAddress> addresses,
            FilesRoot files) {
        return readText(kind, config, text, hostname, addresses, files, TableAccess.NONE);
    }

    /** As {@link #readText(Mta, Path, String, String, List, FilesRoot)}, with the host's database tables reachable. */
    public static HostNames readText(Mta kind, Path config, String text, String hostname, List<InterfaceAddress> addresses,
            FilesRoot files, TableAccess tables) {
        if (kind == Mta.POSTFIX) {
            Path file = Files.isDirectory(config) ? config.resolve("main.cf") : config;
            Path dir = file.getParent() == null ? Path.of(".") : file.getParent();
            org.maildrift.mta.postfix.MainCf mainCf = org.maildrift.mta.postfix.MainCfParser.parse(file.toString(),
                    org.maildrift.mta.captured.CapturedPostconf.asMainCf(text,
                            org.maildrift.mta.postfix.PostfixDefaults.raw()));
            return PostfixReader.read(mainCf, new PostfixReader.Host(hostname, addresses, tables), files, dir.toString());
        }
        if (kind == Mta.EXIM) {
            return org.maildrift.mta.exim.EximReader.read(eximFile(config), text,
                    new org.maildrift.mta.exim.EximReader.Host(hostname, bare(addresses), tables), files);
        }
        return CapturedClassW.looksLikeDump(text) ? CapturedClassW.read(config.toString(), text)
                : SendmailCfReader.read(config.toString(), text, SendmailHost.simple(hostname, bare(addresses)), files);
    }

    /** A sendmail.cf or a $=w dump given as text, with the host facts spelled out (short name, FQDN, …). */
    public static HostNames readSendmailText(Path config, String text, SendmailHost host, FilesRoot files) {
        return CapturedClassW.looksLikeDump(text) ? CapturedClassW.read(config.toString(), text)
                : SendmailCfReader.read(config.toString(), text, host, files);
    }

    private static List<String> bare(List<InterfaceAddress> addresses) {
        return addresses.stream().map(InterfaceAddress::address).toList();
    }

    /** The file a host's configuration is read from: main.cf inside a directory, else the file itself. */
    public static Path configFile(Path config) {
        return Files.isDirectory(config) ? config.resolve("main.cf") : config;
    }

    /** The file people edit for a host of this kind: for Exim, Debian's update-exim4.conf.conf or the main file. */
    public static Path configFile(Mta kind, Path config) {
        if (kind != Mta.EXIM) {
            return configFile(config);
        }
        return org.maildrift.mta.exim.DebianExim.applies(config)
                ? org.maildrift.mta.exim.DebianExim.directory(config).resolve(org.maildrift.mta.exim.DebianExim.CONF_CONF)
                : eximFile(config);
    }

    /**
     * An Exim configuration given as a directory: Debian's generated config.autogenerated, else exim4.conf,
     * else exim.conf (configure) inside it; a file is itself.
     */
    public static Path eximFile(Path config) {
        return org.maildrift.mta.exim.EximReader.mainFile(config);
    }

    /** A host whose configuration could not be had at all: an error naming {@code source}. */
    public static HostNames unreadable(Mta kind, String source, String message) {
        return new HostNames(dialect(kind), List.of(), List.of(), List.of(), List.of(ConfigProblem.error(source, 0, message)),
                false, List.of(), d -> Acceptance.unknown("configuration could not be read: " + message), null);
    }

    /** The MTA's words and edits for a configuration of this kind, given as text (a $=w capture is a list). */
    public static MtaDialect dialect(Mta kind, String text) {
        if (kind == Mta.POSTFIX) {
            return PostfixDialect.INSTANCE;
        }
        if (kind == Mta.EXIM) {
            return org.maildrift.mta.exim.DebianEximDialect.isAnswers(text) ? org.maildrift.mta.exim.DebianEximDialect.INSTANCE
                    : org.maildrift.mta.exim.EximDialect.CONVENTIONAL;
        }
        return CapturedClassW.looksLikeDump(text) ? ClassWDumpDialect.INSTANCE : SendmailDialect.INSTANCE;
    }

    private static MtaDialect dialect(Mta kind) {
        return switch (kind) {
            case POSTFIX -> PostfixDialect.INSTANCE;
            case SENDMAIL -> SendmailDialect.INSTANCE;
            case EXIM -> org.maildrift.mta.exim.EximDialect.CONVENTIONAL;
        };
    }
}
