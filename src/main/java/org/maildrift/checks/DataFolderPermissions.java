package org.maildrift.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * The H2 database holds password and token hashes, and the agents' store holds configurations: their
 * folders are made 0700 before the database opens, and every file in them 0600 once the service is up
 * (where the file system knows POSIX modes). Registered in spring.factories, so it runs before any bean.
 */
public final class DataFolderPermissions implements ApplicationListener<ApplicationEvent> {

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            folders(prepared.getEnvironment()).forEach(DataFolderPermissions::folder);
        } else if (event instanceof ApplicationReadyEvent ready) {
            folders(ready.getApplicationContext().getEnvironment()).forEach(DataFolderPermissions::files);
        }
    }

    /** The H2 file database's folder and the agents' store, where they are on this machine's disk. */
    static Stream<Path> folders(Environment env) {
        Stream.Builder<Path> out = Stream.builder();
        String url = env.getProperty("spring.datasource.url", "");
        if (url.startsWith("jdbc:h2:file:")) {
            String file = url.substring("jdbc:h2:file:".length());
            int semicolon = file.indexOf(';');
            Path db = Path.of(semicolon < 0 ? file : file.substring(0, semicolon));
            if (db.getParent() != null) {
                out.add(db.getParent());
            }
        }
        out.add(Path.of(env.getProperty("maildrift.agents.store", "./data/pushed")));
        return out.build();
    }

    static void folder(Path dir) {
        try {
            Files.createDirectories(dir);
            if (supportsPosix(dir)) {
                Files.setPosixFilePermissions(dir, FOLDER);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // the database or store reports a folder it cannot use itself, with its own message
        }
    }

    static void files(Path dir) {
        if (!Files.isDirectory(dir) || !supportsPosix(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Files.setPosixFilePermissions(p, Files.isDirectory(p) ? FOLDER : FILE);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // a file that vanished meanwhile (a lock file) needs no mode
        }
    }

    private static boolean supportsPosix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
