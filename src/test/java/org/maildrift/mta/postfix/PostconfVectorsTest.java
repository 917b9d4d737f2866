package org.maildrift.mta.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.maildrift.testsupport.Peers;
import org.maildrift.testsupport.Vectors;

/**
 * Replays every recorded postconf vector (vectors/postfix): for each main.cf, maildrift's answer to
 * {@code postconf -c DIR -h PARAMS} and {@code -x -h PARAMS} must equal the recorded stdout and exit status.
 */
class PostconfVectorsTest {

    private static final Pattern EXIT = Pattern.compile("^# postconf -c CONFDIR (-x )?-h .*\\(exit (\\d+)\\)$",
            Pattern.MULTILINE);

    @TestFactory
    List<DynamicTest> answersLikeRecordedPostconf() throws Exception {
        return Peers.guard(() -> {
            Path dir = Peers.vectors().resolve("postfix");
            List<String> names = Vectors.names(dir, ".main.cf");
            assertThat(names).hasSizeGreaterThanOrEqualTo(50);
            List<DynamicTest> tests = new ArrayList<>();
            for (String name : names) {
                tests.add(DynamicTest.dynamicTest(name, () -> replay(dir, name)));
            }
            return tests;
        });
    }

    private static void replay(Path dir, String name) {
        Map<String, String> cmd = Vectors.keyValues(dir.resolve(name + ".cmd"));
        List<String> params = Arrays.asList(cmd.get("params").split(" "));
        MainCf mainCf = MainCfParser.parse("CONFDIR/main.cf", Vectors.read(dir.resolve(name + ".main.cf")));
        PostfixParameters ps = PostfixParameters.of(mainCf, cmd.get("hostname"), "CONFDIR");
        int[] exits = new int[2];
        Matcher m = EXIT.matcher(Vectors.read(dir.resolve(name + ".stderr")));
        while (m.find()) {
            exits[m.group(1) == null ? 0 : 1] = Integer.parseInt(m.group(2));
        }
        Postconf.Output raw = Postconf.query(ps, params, false);
        Postconf.Output expanded = Postconf.query(ps, params, true);
        assertThat(raw.stdout()).as("%s: postconf -h stdout", name).isEqualTo(Vectors.read(dir.resolve(name + ".expected")));
        assertThat(raw.exitCode()).as("%s: postconf -h exit", name).isEqualTo(exits[0]);
        assertThat(expanded.stdout()).as("%s: postconf -x -h stdout", name)
                .isEqualTo(Vectors.read(dir.resolve(name + ".x.expected")));
        assertThat(expanded.exitCode()).as("%s: postconf -x -h exit", name).isEqualTo(exits[1]);
    }
}
