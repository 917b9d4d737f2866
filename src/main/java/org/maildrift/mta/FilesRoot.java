package org.maildrift.mta;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads files a mail configuration refers to ({@code /etc/postfix/virtual}, local-host-names) from a
 * folder that stands for the mail host's root, never from the checker's own file system. An absolute
 * path in the config maps under the root; {@code ..} segments, relative paths and links that leave
 * the root are refused. Without a root every reference stays unresolved.
 */
public final class FilesRoot {

    /** Largest referenced file read (a 100,000-line local-host-names is about 2 MB). */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private final Path root;
    private final java.util.Map<String, Read> cache;

    private FilesRoot(Path root, java.util.Map<String, Read> cache) {
        this.root = root;
        this.cache = cache;
    }

    private FilesRoot(Path root) {
        this(root, null);
    }

    /**
     * The same root, remembering each file it reads: one reading of a config refers to a file from
     * several places (relay_domains defaults to $mydestination) but reads it once.
     */
    public FilesRoot memoizing() {
        return new FilesRoot(root, new java.util.HashMap<>());
    }

    public static FilesRoot none() {
        return new FilesRoot(null);
    }

    public static FilesRoot at(Path root) {
        return new FilesRoot(root == null ? null : root.toAbsolutePath().normalize());
    }

    /** The outcome of reading one referenced file: its text, or why it could not be read. */
    public record Read(String text, String failure) {
        public boolean ok() {
            return text != null;
        }
    }

    public Optional<Path> root() {
        return Optional.ofNullable(root);
    }

    public Read read(String configPath) {
        if (cache == null) {
            return readUncached(configPath);
        }
        return cache.computeIfAbsent(configPath, this::readUncached);
    }

    /**
     * Where a file the mail host names (an SQLite database, say) lies under files-root, with the same
     * confinement as {@link #read}: absolute, no '..', no link out of the root, a regular file.
     */
    public Located locate(String configPath) {
        if (root == null) {
            return new Located(null, "no files-root given: " + configPath + " is not read from the checker's own disk");
        }
        if (!configPath.startsWith("/") || configPath.indexOf('\0') >= 0) {
            return new Located(null, "not an absolute path: " + org.maildrift.files.Printable.of(configPath, 200));
        }
        for (String seg : configPath.split("/")) {
            if (seg.equals("..")) {
                return new Located(null, "path with '..' refused: " + configPath);
            }
        }
        Path p = root.resolve(configPath.substring(1)).normalize();
        try {
            if (!p.startsWith(root) || !Files.exists(p)) {
                return new Located(null, "file not found under files-root: " + configPath);
            }
            Path real = p.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                return new Located(null, "link leaves files-root, refused: " + configPath);
            }
            if (!Files.isRegularFile(real)) {
                return new Located(null, "not a regular file: " + configPath);
            }
            return new Located(real, null);
        } catch (IOException e) {
            return new Located(null, "cannot read " + configPath + ": " + org.maildrift.files.TextFile.describe(e));
        } catch (SecurityException e) {
            return new Located(null, "cannot read " + configPath + ": permission denied");
        }
    }

    /** A file found under files-root, or why not. */
    public record Located(Path path, String failure) {
        public boolean ok() {
            return path != null;
        }
    }

    private Read readUncached(String configPath) {
        if (root == null) {
            return new Read(null, "no files-root given: " + configPath + " is not read from the checker's own disk");
        }
        if (!configPath.startsWith("/")) {
            return new Read(null, "not an absolute path: " + configPath);
        }
        for (String seg : configPath.split("/")) {
            if (seg.equals("..")) {
                return new Read(null, "path with '..' refused: " + configPath);
            }
        }
        if (configPath.indexOf('\0') >= 0) {
            return new Read(null, "path with NUL byte refused");
        }
        Path p = root.resolve(configPath.substring(1)).normalize();
        if (!p.startsWith(root)) {
            return new Read(null, "path outside files-root refused: " + configPath);
        }
        try {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.exists(p)) {
                return new Read(null, "file not found under files-root: " + configPath);
            }
            Path real = p.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                return new Read(null, "link leaves files-root, refused: " + configPath);
            }
            if (!Files.isRegularFile(real)) {
                return new Read(null, "not a regular file: " + configPath);
            }
            if (Files.size(real) > MAX_FILE_BYTES) {
                return new Read(null, "file larger than " + MAX_FILE_BYTES + " bytes, not read: " + configPath);
            }
            String text;
            try {
                text = org.maildrift.files.TextFile.decode(configPath, Files.readAllBytes(real));
            } catch (org.maildrift.files.TextFile.Unreadable e) {
                return new Read(null, e.getMessage());
            }
            if (text.indexOf('\0') >= 0) {
                return new Read(null, "NUL byte in " + configPath + ", not read");
            }
            return new Read(text, null);
        } catch (IOException | SecurityException e) {
            return new Read(null, "cannot read " + configPath + ": " + e.getMessage());
        }
    }
}
