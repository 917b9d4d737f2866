package org.maildrift.mta.postfix.tables;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code postmap -q KEY TYPE:FILE} and reads its answer as a {@link TableAnswer}. */
final class PostmapHarness {

    private PostmapHarness() {
    }

    static TableAnswer query(Path postmap, String type, Path file, String key) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(postmap.toString(), "-q", key, type + ":" + file));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("postmap did not finish");
        }
        String stderr = new String(err, StandardCharsets.UTF_8);
        if (stderr.contains("fatal:")) {
            return TableAnswer.failed(stderr.strip());
        }
        if (p.exitValue() == 0) {
            return TableAnswer.found(new String(out, StandardCharsets.UTF_8).strip());
        }
        return TableAnswer.notFound(stderr.strip());
    }

    /** How one table type's definitions fared against postmap -q. */
    record Comparison(int lookups, int found, int failed, List<String> disagreements) {
    }

    /**
     * Writes each definition to DIR/tN.cf, opens it through {@code tables} and compares every key's answer
     * with {@code postmap -q}; {@code check} runs on each of maildrift's answers as well.
     */
    static Comparison compare(Path postmap, String type, Path dir, List<String> definitions, List<String> keys,
            TableConnections tables, java.util.function.Consumer<TableAnswer> check) throws Exception {
        List<String> disagreements = new ArrayList<>();
        int found = 0;
        int failed = 0;
        for (int i = 0; i < definitions.size(); i++) {
            Path cf = dir.resolve("t" + i + ".cf");
            java.nio.file.Files.writeString(cf, definitions.get(i) + "\n");
            TableAccess.Opened opened = tables.open(type, cf.toString(), org.maildrift.mta.FilesRoot.at(Path.of("/")));
            if (opened.failure() != null) {
                disagreements.add(definitions.get(i).replace('\n', ';') + ": not opened: " + opened.failure());
                continue;
            }
            for (String key : keys) {
                TableAnswer real = query(postmap, type, cf, key);
                TableAnswer ours = opened.lookup().lookup(key);
                check.accept(ours);
                found += real.kind() == TableAnswer.Kind.FOUND ? 1 : 0;
                failed += real.kind() == TableAnswer.Kind.FAILED ? 1 : 0;
                if (!summary(real).equals(summary(ours))) {
                    disagreements.add(definitions.get(i).replace('\n', ';') + " | key " + key + ": postmap "
                            + summary(real) + " [" + real.detail() + "], maildrift " + summary(ours) + " ("
                            + ours.detail() + ")");
                }
            }
        }
        Comparison c = new Comparison(definitions.size() * keys.size(), found, failed, disagreements);
        System.out.printf("%s tables: %d of %d lookups agree with postmap -q (%d found, %d lookup errors)%n", type,
                c.lookups() - disagreements.size(), c.lookups(), found, failed);
        return c;
    }

    /** The same table files, each reached as its own settings say (hosts[].tables entries that replace nothing). */
    static List<TableOverride> asWritten(Path dir, int count) {
        List<TableOverride> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new TableOverride(dir.resolve("t" + i + ".cf").toString(), null, null, null, null, null));
        }
        return out;
    }

    /** Kind and, for FOUND, the value: what must agree. */
    static String summary(TableAnswer a) {
        return a.kind() == TableAnswer.Kind.FOUND ? "FOUND " + a.detail() : a.kind().name();
    }
}
