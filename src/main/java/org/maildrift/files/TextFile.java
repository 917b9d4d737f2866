package org.maildrift.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A configuration, inventory or change set read as text: a regular file, at most a given size, in
 * UTF-8. Invalid UTF-8 is an error naming the byte offset, never a silent U+FFFD; messages say what is
 * wrong and never quote the file.
 */
public final class TextFile {

    /** Why a file was not read; the message names the file and, for bad bytes, the offset. */
    public static final class Unreadable extends IOException {
        private final String problem;
        private final long offset;

        Unreadable(String label, String problem, long offset) {
            super(label + ": " + problem);
            this.problem = problem;
            this.offset = offset;
        }

        /** What is wrong, without the file's name. */
        public String problem() {
            return problem;
        }

        /** The byte offset of the first invalid byte, or -1. */
        public long offset() {
            return offset;
        }
    }

    private TextFile() {
    }

    public static String read(Path file, long maxBytes) throws Unreadable {
        try {
            if (Files.isDirectory(file)) {
                throw new Unreadable(file.toString(), "is a directory, not a file", -1);
            }
            if (!Files.exists(file)) {
                throw new Unreadable(file.toString(), "no such file", -1);
            }
            if (!Files.isRegularFile(file)) {
                throw new Unreadable(file.toString(), "not a regular file (a device, pipe or socket)", -1);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            }
            if (bytes.length > maxBytes) {
                throw new Unreadable(file.toString(), "larger than " + maxBytes + " bytes; not read", -1);
            }
            return decode(file.toString(), bytes);
        } catch (Unreadable e) {
            throw e;
        } catch (IOException e) {
            throw new Unreadable(file.toString(), describe(e), -1);
        }
    }

    /** Strict UTF-8; {@code label} names the source in the error. */
    public static String decode(String label, byte[] bytes) throws Unreadable {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            long offset = in.position();
            throw new Unreadable(label, "not valid UTF-8 at byte offset " + offset + " (line "
                    + line(bytes, offset) + "); is this a text file?", offset);
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    /** What an I/O failure says, without the file's name or the stack of causes. */
    public static String describe(IOException e) {
        if (e instanceof Unreadable u) {
            return u.problem();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static long line(byte[] bytes, long offset) {
        long n = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                n++;
            }
        }
        return n;
    }

}
