package org.maildrift.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.maildrift.checks.PushedConfigSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What each host's agent pushed, one file per host and kind under {@code maildrift.agents.store}
 * (default {@code ./data/pushed}), written atomically. The newest push of a host is what its check reads.
 */
@Component
public class PushedConfigs implements PushedConfigSource {

    /** The kinds an agent may push; the readers recognise each by its content. */
    public static final List<String> KINDS = List.of("main.cf", "postconf-n", "postconf-x", "sendmail.cf", "class-w",
            "exim.conf", "exim-bp");
    public static final int MAX_BYTES = 1024 * 1024;
    /** What the agent pushes after answering the table questions: not a configuration. */
    public static final String TABLE_ANSWERS = "table-answers";
    /** The certificates the host's SMTP server presents (CERTIFICATE blocks only, per configured path). */
    public static final String TLS_CHAIN = "tls-chain";
    /** The DKIM signer's configuration as it merged it, with the public half of each key (never a private key). */
    public static final String DKIM = "dkim";

    private final Path store;

    PushedConfigs(@Value("${maildrift.agents.store:./data/pushed}") Path store) {
        this.store = store;
    }

    public void save(String host, String kind, byte[] content) throws IOException {
        Path dir = Files.createDirectories(store.resolve(host));
        Path tmp = Files.createTempFile(dir, kind, ".part");
        Files.write(tmp, content);
        Files.move(tmp, dir.resolve(kind), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Optional<Path> tableAnswers(String host) {
        Path f = store.resolve(host).resolve(TABLE_ANSWERS);
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    @Override
    public Optional<Path> tlsChains(String host) {
        Path f = store.resolve(host).resolve(TLS_CHAIN);
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    @Override
    public Optional<Path> dkim(String host) {
        Path f = store.resolve(host).resolve(DKIM);
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    /** The file the host's agent pushed last, if any. */
    @Override
    public Optional<Path> latest(String host) {
        Path dir = store.resolve(host);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> KINDS.contains(f.getFileName().toString()))
                    .max(Comparator.comparing(f -> f.toFile().lastModified()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
