package org.maildrift.dns.zonefile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.maildrift.dns.model.DnsNames;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Reads a master file ({@code $ORIGIN}, {@code $TTL}, {@code $GENERATE}, {@code $INCLUDE}) with
 * {@link ZoneParser}: dnsjava's tokenizer and record parser, with the directives handled here. The zone
 * is the SOA owner, else the origin given, else the file name ({@code example.com.zone},
 * {@code db.example.com}). Hostile input is bounded: file size, record count, NUL bytes, and
 * {@code $INCLUDE} only of regular files whose real path lies in the zone file's folder, at most 8 deep.
 * Zone text from a request takes no include at all.
 */
public final class ZoneFileReader {

    public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;
    public static final int MAX_RECORDS = 5_000_000;
    private static final int MAX_INCLUDE_DEPTH = 8;

    private ZoneFileReader() {
    }

    /** @param origin the zone's name, or null to take it from the SOA or the file name */
    public static ZoneData read(Path file, String origin) throws ZoneFileException {
        String label = file.toString();
        String initial = origin != null ? DnsNames.canonical(origin) : originFromFileName(file);
        try (ZoneParser parser = ZoneParser.ofFile(label, file, name(label, initial), MAX_INCLUDE_DEPTH)) {
            return fromRecords(initial, label, records(parser, label, initial, () -> readBounded(file)));
        }
    }

    /**
     * Zone text that came in a request (the API, the dashboard): no {@code $INCLUDE} is followed, and
     * errors name {@code label} ("zone example.com"), never a file of the server.
     */
    public static ZoneData readText(String label, String text, String origin) throws ZoneFileException {
        String initial = DnsNames.canonical(origin);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (ZoneParser parser = ZoneParser.ofText(label, bytes, name(label, initial), -1,
                "in a zone sent as text; send the whole zone")) {
            return fromRecords(initial, label, records(parser, label, initial, () -> text));
        }
    }

    private static Name name(String label, String origin) throws ZoneFileException {
        try {
            return Name.fromString(origin);
        } catch (TextParseException e) {
            throw new ZoneFileException(label, 0, "the origin " + ZoneParser.quoted(origin) + " is not a domain name");
        }
    }

    private interface Text {
        String get() throws IOException;
    }

    private static List<Record> records(ZoneParser parser, String label, String origin, Text text)
            throws ZoneFileException {
        List<Record> records = new ArrayList<>();
        try {
            Record r;
            while ((r = parser.nextRecord()) != null) {
                if (records.size() >= MAX_RECORDS) {
                    throw new ZoneFileException(label, 0, "more than " + MAX_RECORDS + " records; not read");
                }
                records.add(r);
            }
        } catch (ZoneFileException e) {
            if (e.file().equals(label) && e.getMessage().contains(": expected ")) {
                throw new ZoneFileException(label, lineBeforeEndOfLine(text, e.line(), origin), e.detail());
            }
            throw e;
        }
        return records;
    }

    private static String readBounded(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException("not re-read");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /**
     * A zone from records read elsewhere (a zone transfer): the apex is the SOA owner, else
     * {@code origin}; records outside the zone are dropped.
     */
    public static ZoneData fromRecords(String origin, String source, List<Record> records) {
        String apex = DnsNames.canonical(origin);
        for (Record r : records) {
            if (r instanceof SOARecord) {
                apex = RecordText.canonical(r.getName());
                break;
            }
        }
        ZoneData zone = new ZoneData(apex, source);
        for (Record r : records) {
            String owner = RecordText.canonical(r.getName());
            if (!zone.contains(owner)) {
                continue;
            }
            zone.add(owner, Type.string(r.getType()), RecordText.rdata(r));
        }
        return zone;
    }

    /** The zone a file name says ({@code example.com.zone}, {@code db.example.com}), canonical. */
    public static String originFromFileName(Path file) {
        String n = file.getFileName().toString();
        if (n.endsWith(".zone")) {
            n = n.substring(0, n.length() - 5);
        } else if (n.endsWith(".db")) {
            n = n.substring(0, n.length() - 3);
        } else if (n.startsWith("db.")) {
            n = n.substring(3);
        }
        return DnsNames.canonical(n);
    }

    /**
     * dnsjava reports a record that ends before a field it needs ("expected a name") on the line after,
     * since it has read the newline by then; named-checkzone names the record's own line ("near eol").
     * The line is moved back when the previous line, read alone, fails the same way.
     */
    private static int lineBeforeEndOfLine(Text text, int reported, String origin) {
        if (reported < 2) {
            return reported;
        }
        try {
            String[] lines = text.get().split("\n", -1);
            if (reported - 2 >= lines.length) {
                return reported;
            }
            return endsTooEarly(lines[reported - 2], origin) ? reported - 1 : reported;
        } catch (IOException | RuntimeException x) {
            return reported;
        }
    }

    /** Whether one line, read as a zone of its own, stops for a missing field. */
    private static boolean endsTooEarly(String line, String origin) {
        try (ZoneParser alone = ZoneParser.ofText("line", (line + "\n").getBytes(StandardCharsets.UTF_8),
                Name.fromString(origin), 300, "here")) {
            while (alone.nextRecord() != null) {
                // read to the end
            }
            return false;
        } catch (ZoneFileException e) {
            return e.getMessage().contains(": expected ");
        } catch (TextParseException | RuntimeException e) {
            return false;
        }
    }
}
