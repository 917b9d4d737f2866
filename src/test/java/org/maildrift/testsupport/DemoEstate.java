package org.maildrift.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of config-samples/demo that a test may change (delete a host's file, edit the inventory). */
public final class DemoEstate {

    public static final Path DEMO = Path.of("config-samples/demo");

    private DemoEstate() {
    }

    /** Copies the demo estate into {@code target} (created) and returns it. */
    public static Path copyTo(Path target) {
        try (Stream<Path> files = Files.walk(DEMO)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(DEMO.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy in a new temporary folder. */
    public static Path copy(String prefix) {
        try {
            return copyTo(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces {@code from} by {@code to} in a file of the copy; the text must be there. */
    public static void edit(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            if (!text.contains(from)) {
                throw new IllegalStateException(file + " does not contain " + from);
            }
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
