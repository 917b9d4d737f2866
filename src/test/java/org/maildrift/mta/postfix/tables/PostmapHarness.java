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

    /** Kind and, for FOUND, the value: what must agree. */
    static String summary(TableAnswer a) {
        return a.kind() == TableAnswer.Kind.FOUND ? "FOUND " + a.detail() : a.kind().name();
    }
}
