package org.maildrift.dns.zonefile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.maildrift.dns.model.DnsNames;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Reads a master file with dnsjava's parser ({@code $ORIGIN}, {@code $TTL}, {@code $INCLUDE} relative
 * to the file). The zone is the SOA owner, else the origin given, else the file name
 * ({@code example.com.zone}, {@code db.example.com}). Hostile input is bounded: file size, record
 * count, and {@code $INCLUDE} only of files in the zone file's folder tree, at most 8 deep.
 */
public final class ZoneFileReader {

    public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;
    public static final int MAX_RECORDS = 5_000_000;
    private static final int MAX_INCLUDE_DEPTH = 8;
    private static final Pattern INCLUDE = Pattern.compile("^\\$INCLUDE\\s+(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DNSJAVA_LINE = Pattern.compile("^(.*?):(\\d+): (.*)$", Pattern.DOTALL);

    private ZoneFileReader() {
    }

    /** @param origin the zone's name, or null to take it from the SOA or the file name */
    public static ZoneData read(Path file, String origin) throws ZoneFileException {
        String label = file.toString();
        checkIncludes(file, file.toAbsolutePath().getParent(), 0, new ArrayList<>());
        String initial = origin != null ? DnsNames.canonical(origin) : originFromFileName(file);
        List<Record> records = new ArrayList<>();
        try (Master master = new Master(file.toString(), Name.fromString(initial))) {
            Record r;
            while ((r = master.nextRecord()) != null) {
                if (records.size() >= MAX_RECORDS) {
                    throw new ZoneFileException(label, 0, "more than " + MAX_RECORDS + " records; not read");
                }
                records.add(r);
            }
        } catch (TextParseException e) {
            throw located(label, e, initial);
        } catch (IOException e) {
            throw located(label, e, initial);
        } catch (RuntimeException e) {
            throw new ZoneFileException(label, 0, "cannot parse: " + e);
        }
        return fromRecords(initial, label, records);
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

    private static String originFromFileName(Path file) {
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

    private static ZoneFileException located(String label, Exception e, String origin) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        Matcher m = DNSJAVA_LINE.matcher(msg);
        if (m.matches()) {
            String file = label.endsWith(m.group(1)) ? label : m.group(1);
            int line = Integer.parseInt(m.group(2));
            if (m.group(3).startsWith("expected ")) {
                line = lineBeforeEndOfLine(Path.of(file), line, origin);
            }
            return new ZoneFileException(file, line, m.group(3));
        }
        return new ZoneFileException(label, 0, msg);
    }

    /**
     * dnsjava reports a record that ends before a field it needs ("expected a name") on the line after,
     * since it has read the newline by then; named-checkzone names the record's own line ("near eol").
     * The line is moved back when the previous line, read alone, fails the same way.
     */
    static int lineBeforeEndOfLine(Path file, int reported, String origin) {
        if (reported < 2) {
            return reported;
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return reported;
            }
            String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
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
        try (Master alone = new Master(new java.io.ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)),
                Name.fromString(origin), 300)) {
            while (alone.nextRecord() != null) {
                // read to the end
            }
            return false;
        } catch (TextParseException e) {
            return e.getMessage() != null && e.getMessage().contains(": expected ");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** $INCLUDE may name only files under the zone file's folder, without cycles, at most 8 deep. */
    private static void checkIncludes(Path file, Path base, int depth, List<Path> stack) throws ZoneFileException {
        Path abs = file.toAbsolutePath().normalize();
        if (depth > MAX_INCLUDE_DEPTH) {
            throw new ZoneFileException(file.toString(), 0, "$INCLUDE nested more than " + MAX_INCLUDE_DEPTH + " deep");
        }
        if (stack.contains(abs)) {
            throw new ZoneFileException(file.toString(), 0, "$INCLUDE loop: " + abs.getFileName() + " includes itself");
        }
        String text;
        try {
            if (Files.size(abs) > MAX_FILE_BYTES) {
                throw new ZoneFileException(file.toString(), 0, "file larger than " + MAX_FILE_BYTES + " bytes");
            }
            text = new String(Files.readAllBytes(abs), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ZoneFileException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
        if (text.indexOf('\0') >= 0) {
            int line = (int) text.substring(0, text.indexOf('\0')).chars().filter(c -> c == '\n').count() + 1;
            throw new ZoneFileException(file.toString(), line, "NUL byte in zone file");
        }
        stack.add(abs);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = INCLUDE.matcher(lines[i].strip());
            if (!m.find()) {
                continue;
            }
            Path target = Path.of(m.group(1));
            if (target.isAbsolute()) {
                throw new ZoneFileException(file.toString(), i + 1,
                        "$INCLUDE of an absolute path refused: " + m.group(1) + " (only files beside the zone file)");
            }
            Path resolved = abs.getParent().resolve(target).normalize();
            if (!resolved.startsWith(base)) {
                throw new ZoneFileException(file.toString(), i + 1,
                        "$INCLUDE outside the zone file's folder refused: " + m.group(1));
            }
            checkIncludes(resolved, base, depth + 1, stack);
        }
        stack.remove(stack.size() - 1);
    }
}
