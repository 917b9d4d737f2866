package org.maildrift.inventory;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Counts how often a composed YAML document reuses a node through an alias, scalars included (SnakeYAML
 * bounds only aliases of collections): a few aliases of one 2 MB scalar would otherwise make a 1 MB
 * request expand into gigabytes of work. The walk visits each node once, so it is linear in the document.
 */
public final class YamlAliases {

    /** Aliases a file people write needs at most. */
    public static final int MAX = 20;

    private YamlAliases() {
    }

    /** The 1-based line of the anchor whose reuse went past {@link #MAX}, or 0 when within it. */
    public static int lineBeyondLimit(Node root) {
        if (root == null) {
            return 0;
        }
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        int reused = 0;
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) {
                if (++reused > MAX) {
                    return n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
                }
                continue;
            }
            if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    todo.push(t.getValueNode());
                    todo.push(t.getKeyNode());
                }
            } else if (n instanceof SequenceNode s) {
                for (Node child : s.getValue()) {
                    todo.push(child);
                }
            }
        }
        return 0;
    }

    /** The message for {@link #lineBeyondLimit}. */
    public static String message() {
        return "more than " + MAX + " aliases (*name); write the values out or use fewer aliases";
    }
}
