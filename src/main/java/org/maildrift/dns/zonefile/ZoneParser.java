package org.maildrift.dns.zonefile;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Generator;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TTL;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Tokenizer;
import org.xbill.DNS.Type;

/**
 * A master-file reader that owns its directives: {@code $ORIGIN}, {@code $TTL}, {@code $GENERATE} and
 * {@code $INCLUDE} are handled here, on dnsjava's tokenizer (so a quoted or parenthesised directive is
 * the same directive), and records are parsed by dnsjava. dnsjava's own {@code Master} opens whatever
 * file an {@code $INCLUDE} names; this reader asks its {@link Includes} policy first, so the rule is
 * enforced where the directive is understood, not by a text scan beforehand.
 *
 * <p>Every byte comes through a {@link BoundedInput}: a file larger than the bound, or one with a NUL
 * byte, stops the read at that point (a device such as {@code /dev/zero} is refused before it is
 * opened). Error messages name the file and line, and quote at most a short, printable piece of the
 * zone's own text.
 */
final class ZoneParser implements AutoCloseable {

    /** Where {@code $INCLUDE} may lead. */
    sealed interface Includes {
        /** No include at all: zone text sent over the API or the dashboard. */
        record None(String why) implements Includes {
        }

        /**
         * Regular files whose real path lies inside {@code folder} (a real path), at most {@code depth} deep;
         * an included file is named in errors as {@code labelFolder} plus its path inside {@code folder}.
         */
        record Within(Path folder, Path labelFolder, int depth) implements Includes {
        }
    }

    private static final Pattern DNSJAVA_LINE = Pattern.compile("^(.*?):(\\d+): (.*)$", Pattern.DOTALL);
    private static final int MAX_QUOTED = 80;

    private final String label;
    private final Tokenizer st;
    private final BoundedInput input;
    private final Includes includes;
    private final List<Path> stack;
    private Name origin;
    private long defaultTtl;
    private Record last;
    private ZoneParser included;
    private Generator generator;
    private long currentTtl;
    private int currentType;
    private int currentClass;
    private boolean needSoaTtl;

    private ZoneParser(String label, InputStream in, Name origin, long defaultTtl, Includes includes,
            List<Path> stack, long maxBytes) {
        this.label = label;
        this.input = new BoundedInput(in, maxBytes);
        this.st = new Tokenizer(input);
        this.origin = origin;
        this.defaultTtl = defaultTtl;
        this.includes = includes;
        this.stack = stack;
    }

    /**
     * Zone text with no include allowed; {@code label} names it in errors ("zone example.com"),
     * {@code defaultTtl} is the TTL before any {@code $TTL} (-1: none).
     */
    static ZoneParser ofText(String label, byte[] text, Name origin, long defaultTtl, String why) {
        return new ZoneParser(label, new java.io.ByteArrayInputStream(text), origin, defaultTtl, new Includes.None(why),
                new ArrayList<>(), ZoneFileReader.MAX_FILE_BYTES);
    }

    /** A zone file; includes may reach regular files inside its own (real) folder, at most {@code depth} deep. */
    static ZoneParser ofFile(String label, Path file, Name origin, int depth) throws ZoneFileException {
        Path real = realRegularFile(label, 0, file, "zone file");
        Path folder = real.getParent();
        List<Path> stack = new ArrayList<>();
        stack.add(real);
        return new ZoneParser(label, open(label, 0, real), origin, -1,
                new Includes.Within(folder, Path.of(label).getParent(), depth), stack, ZoneFileReader.MAX_FILE_BYTES);
    }

    /** The next record, or null at the end of the zone (and of every file it includes). */
    Record nextRecord() throws ZoneFileException {
        try {
            return next();
        } catch (BoundedInput.Refused e) {
            throw new ZoneFileException(label, e.line, e.getMessage());
        } catch (TextParseException e) {
            throw located(e);
        } catch (IOException e) {
            throw new ZoneFileException(label, 0, "cannot read: " + org.maildrift.files.TextFile.describe(e));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // dnsjava reports some bad records (a wrong length, a nested $GENERATE) with unchecked exceptions
            throw new ZoneFileException(label, tokenizerLine(), "cannot parse: " + printable(e.getMessage()));
        }
    }

    private Record next() throws IOException, ZoneFileException {
        if (included != null) {
            Record r = included.nextRecord();
            if (r != null) {
                return r;
            }
            included.close();
            included = null;
        }
        if (generator != null) {
            Record r;
            try {
                r = generator.nextRecord();
            } catch (TextParseException e) {
                throw st.exception("$GENERATE: " + e.getMessage());
            }
            if (r != null) {
                return r;
            }
            st.getEOL();
            generator = null;
        }
        while (true) {
            Tokenizer.Token token = st.get(true, false);
            Name name;
            if (token.type() == Tokenizer.WHITESPACE) {
                Tokenizer.Token after = st.get();
                if (after.type() == Tokenizer.EOL) {
                    continue;
                }
                if (after.type() == Tokenizer.EOF) {
                    return null;
                }
                st.unget();
                if (last == null) {
                    throw st.exception("no owner");
                }
                name = last.getName();
            } else if (token.type() == Tokenizer.EOL) {
                continue;
            } else if (token.type() == Tokenizer.EOF) {
                return null;
            } else if (token.value().charAt(0) == '$') {
                String directive = token.value();
                if (directive.equalsIgnoreCase("$ORIGIN")) {
                    origin = st.getName(Name.root);
                    st.getEOL();
                    continue;
                }
                if (directive.equalsIgnoreCase("$TTL")) {
                    defaultTtl = st.getTTL();
                    st.getEOL();
                    continue;
                }
                if (directive.equalsIgnoreCase("$INCLUDE")) {
                    Record r = include();
                    if (r != null) {
                        return r;
                    }
                    continue;
                }
                if (directive.equalsIgnoreCase("$GENERATE")) {
                    if (startGenerate()) {
                        return next();
                    }
                    continue;
                }
                throw st.exception("unknown directive " + quoted(directive));
            } else {
                name = parseName(token.value(), origin);
                if (last != null && name.equals(last.getName())) {
                    name = last.getName();
                }
            }
            ttlClassAndType();
            last = Record.fromString(name, currentType, currentClass, currentTtl, st, origin);
            if (needSoaTtl) {
                // BIND takes the SOA minimum as the default TTL; the SOA's own TTL is not kept (nothing reads TTLs)
                defaultTtl = ((SOARecord) last).getMinimum();
                needSoaTtl = false;
            }
            return last;
        }
    }

    /** Opens the file an {@code $INCLUDE} names, if the policy allows it, and returns its first record. */
    private Record include() throws IOException, ZoneFileException {
        int line = tokenizerLine();
        String target = st.getString();
        Name includeOrigin = origin;
        Tokenizer.Token t = st.get();
        if (t.isString()) {
            includeOrigin = parseName(t.value(), Name.root);
            st.getEOL();
        }
        if (includes instanceof Includes.None none) {
            throw new ZoneFileException(label, line, "$INCLUDE is not allowed " + none.why());
        }
        Includes.Within within = (Includes.Within) includes;
        if (stack.size() > within.depth()) {
            throw new ZoneFileException(label, line, "$INCLUDE nested more than " + within.depth() + " deep");
        }
        Path here = stack.get(stack.size() - 1).getParent();
        Path named;
        try {
            named = here.resolve(target);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ZoneFileException(label, line, "$INCLUDE names no usable path " + quoted(target));
        }
        Path real = realRegularFile(label, line, named, "$INCLUDE " + quoted(target));
        if (!real.startsWith(within.folder())) {
            throw new ZoneFileException(label, line, "$INCLUDE " + quoted(target) + " refused: only files inside the"
                    + " zone file's folder " + within.folder() + " may be included (links are followed first)");
        }
        if (stack.contains(real)) {
            throw new ZoneFileException(label, line, "$INCLUDE loop: " + quoted(target) + " is already being read");
        }
        List<Path> inner = new ArrayList<>(stack);
        inner.add(real);
        Path inside = within.folder().relativize(real);
        String innerLabel = (within.labelFolder() == null ? inside : within.labelFolder().resolve(inside)).toString();
        included = new ZoneParser(innerLabel, open(innerLabel, 0, real), includeOrigin, defaultTtl, includes, inner,
                ZoneFileReader.MAX_FILE_BYTES);
        Record r = included.nextRecord();
        if (r == null) {
            included.close();
            included = null;
        }
        return r;
    }

    private boolean startGenerate() throws IOException {
        String range = st.getIdentifier();
        long[] r = generateRange(range);
        if (r == null) {
            throw st.exception("$GENERATE range " + quoted(range) + " is not start-end[/step]");
        }
        String nameSpec = st.getIdentifier();
        ttlClassAndType();
        if (!Generator.supportedType(currentType)) {
            throw st.exception("$GENERATE does not support " + Type.string(currentType) + " records");
        }
        String rdataSpec = st.getIdentifier();
        st.getEOL();
        st.unget();
        generator = new Generator(r[0], r[1], r[2], nameSpec, currentType, currentClass, currentTtl, rdataSpec, origin);
        return true;
    }

    private static long[] generateRange(String s) {
        Matcher m = Pattern.compile("(\\d{1,10})-(\\d{1,10})(?:/(\\d{1,10}))?").matcher(s);
        if (!m.matches()) {
            return null;
        }
        long start = Long.parseLong(m.group(1));
        long end = Long.parseLong(m.group(2));
        long step = m.group(3) == null ? 1 : Long.parseLong(m.group(3));
        if (start > end || step <= 0 || end > 0xFFFFFFFFL) {
            return null;
        }
        return new long[] {start, end, step};
    }

    /** Any of: class ttl type, ttl class type, class type, ttl type, type (as BIND and dnsjava read them). */
    private void ttlClassAndType() throws IOException {
        String s = st.getString();
        boolean seenClass = false;
        if ((currentClass = DClass.value(s)) >= 0) {
            s = st.getString();
            seenClass = true;
        }
        currentTtl = -1;
        try {
            currentTtl = TTL.parseTTL(s);
            s = st.getString();
        } catch (NumberFormatException e) {
            if (defaultTtl >= 0) {
                currentTtl = defaultTtl;
            } else if (last != null) {
                currentTtl = last.getTTL();
            }
        }
        if (!seenClass) {
            if ((currentClass = DClass.value(s)) >= 0) {
                s = st.getString();
            } else {
                currentClass = DClass.IN;
            }
        }
        if ((currentType = Type.value(s)) < 0) {
            throw st.exception("unknown record type " + quoted(s));
        }
        if (currentTtl < 0) {
            if (currentType != Type.SOA) {
                throw st.exception("missing TTL (no $TTL and no earlier record)");
            }
            needSoaTtl = true;
            currentTtl = 0;
        }
    }

    private Name parseName(String s, Name relativeTo) throws TextParseException {
        try {
            return Name.fromString(s, relativeTo);
        } catch (TextParseException e) {
            throw st.exception(quoted(s) + " is not a domain name: " + e.getMessage());
        }
    }

    private ZoneFileException located(TextParseException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        Matcher m = DNSJAVA_LINE.matcher(msg);
        if (m.matches()) {
            return new ZoneFileException(label, Integer.parseInt(m.group(2)), printable(m.group(3)));
        }
        return new ZoneFileException(label, tokenizerLine(), printable(msg));
    }

    /** The tokenizer's current line (it reads ahead of the byte counter, which buffers). */
    private int tokenizerLine() {
        Matcher m = DNSJAVA_LINE.matcher(String.valueOf(st.exception("").getMessage()));
        return m.matches() ? Integer.parseInt(m.group(2)) : 0;
    }

    /** A piece of the zone's text for a message: printable, short, in quotes. */
    static String quoted(String s) {
        return "'" + printable(s) + "'";
    }

    /** Control characters escaped and the text cut at a bound, so that no message carries much of a file. */
    static String printable(String s) {
        return org.maildrift.files.Printable.of(s, MAX_QUOTED);
    }

    /** The real path of a regular file, after following links; anything else is refused with what it is. */
    private static Path realRegularFile(String label, int line, Path file, String what) throws ZoneFileException {
        Path real;
        try {
            real = file.toRealPath();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ZoneFileException(label, line, what + ": no such file");
        } catch (IOException e) {
            throw new ZoneFileException(label, line, what + ": cannot read: " + org.maildrift.files.TextFile.describe(e));
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new ZoneFileException(label, line, what + " is not a regular file"
                    + (Files.isDirectory(real) ? " (a directory)" : " (a device, pipe or socket)"));
        }
        return real;
    }

    private static InputStream open(String label, int line, Path real) throws ZoneFileException {
        try {
            return Files.newInputStream(real);
        } catch (IOException e) {
            throw new ZoneFileException(label, line, "cannot read: " + org.maildrift.files.TextFile.describe(e));
        }
    }

    @Override
    public void close() {
        if (included != null) {
            included.close();
        }
        st.close();
    }

    /**
     * The bytes of one file, counted as they pass: more than {@code max} bytes, or a NUL byte, stops the
     * read with the line it was found on. Lines are counted here, not re-read from the file.
     */
    static final class BoundedInput extends FilterInputStream {

        static final class Refused extends IOException {
            final int line;

            Refused(int line, String message) {
                super(message);
                this.line = line;
            }
        }

        private final long max;
        private long count;
        private int line = 1;

        BoundedInput(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                see((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            for (int i = 0; i < n; i++) {
                see(buf[off + i]);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n && read() >= 0) {
                skipped++;
            }
            return skipped;
        }

        private void see(byte b) throws Refused {
            if (++count > max) {
                throw new Refused(0, "larger than " + max + " bytes; not read");
            }
            if (b == 0) {
                throw new Refused(line, "NUL byte in zone file");
            }
            if (b == '\n') {
                line++;
            }
        }
    }
}
