package org.maildrift.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;

/** The alias bound counts the reuse of anchored nodes, scalars and collections alike, and nothing else. */
class YamlTreeTest {

    private static String document(int aliases, String anchored) {
        StringBuilder sb = new StringBuilder("base: &a ").append(anchored).append('\n');
        for (int i = 0; i < aliases; i++) {
            sb.append("k").append(i).append(": *a\n");
        }
        return sb.toString();
    }

    @Test
    void refusesOneAliasTooManyAndNamesTheLineOfTheAnchor() {
        assertThatThrownBy(() -> YamlTree.compose(document(YamlTree.MAX_ALIASES + 1, "big"), 1 << 20))
                .isInstanceOfSatisfying(YamlTree.Problem.class, p -> {
                    assertThat(p.line()).isEqualTo(1);
                    assertThat(p.getMessage()).contains("more than " + YamlTree.MAX_ALIASES + " aliases");
                });
        assertThatThrownBy(() -> YamlTree.compose(document(YamlTree.MAX_ALIASES + 1, "[x, y]"), 1 << 20))
                .isInstanceOf(YamlTree.Problem.class);
    }

    @Test
    void acceptsTheLimitAndDocumentsWithoutAnchors() throws Exception {
        assertThat(YamlTree.compose(document(YamlTree.MAX_ALIASES, "big"), 1 << 20)).isInstanceOf(MappingNode.class);
        StringBuilder plain = new StringBuilder("watch:\n");
        for (int i = 0; i < 2_000; i++) {
            plain.append("  - name").append(i).append(".example.com\n");
        }
        MappingNode root = (MappingNode) YamlTree.compose(plain.toString(), 1 << 20);
        assertThat(root.getValue()).hasSize(1);
    }
}
