package org.maildrift.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Someone else's text in a message: control characters escaped, the length bounded. */
class PrintableTest {

    @Test
    void escapesControlCharactersAndCutsAtTheBound() {
        assertThat(Printable.of("a\u0000b\r\nc\u001b[31md\u007fe\u0085f", 100))
                .isEqualTo("a\\x00b\\x0d\\x0ac\\x1b[31md\\x7fe\\x85f");
        assertThat(Printable.of("x".repeat(500), 10)).isEqualTo("xxxxxxxxxx…");
        assertThat(Printable.of("exactly10!", 10)).isEqualTo("exactly10!");
        assertThat(Printable.of(null, 10)).isEmpty();
        assertThat(Printable.of("é ✓ ünïcode", 20)).isEqualTo("é ✓ ünïcode");
    }
}
