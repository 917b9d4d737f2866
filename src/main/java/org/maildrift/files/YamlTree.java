package org.maildrift.files;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The one YAML reader of the files people write (the inventory, change sets): composed with bounds
 * (size, nesting, no recursive keys, at most {@link #MAX_ALIASES} aliases, scalars included), and read
 * node by node with errors that name the line and the key. Loaders turn a {@link Problem} into their own
 * "file:line: key: message" error.
 */
public final class YamlTree {

    /** Aliases a file people write needs at most. */
    public static final int MAX_ALIASES = 20;

    /** What is wrong, at a line (0: not known) and a key (null: the document). */
    public static final class Problem extends Exception {
        private final int line;
        private final String key;
        private final String problem;

        public Problem(int line, String key, String problem) {
            super(problem, null, false, false);
            this.line = line;
            this.key = key;
            this.problem = problem;
        }

        public int line() {
            return line;
        }

        public String key() {
            return key;
        }

        public String problem() {
            return problem;
        }
    }

    private YamlTree() {
    }

    /** The document's root node, or null for an empty document. */
    public static Node compose(String text, int maxCodePoints) throws Problem {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(20);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(maxCodePoints);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new Problem(line, null, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new Problem(0, null, "not valid YAML: " + e.getMessage());
        }
        int aliasLine = lineBeyondAliasLimit(root);
        if (aliasLine > 0) {
            throw new Problem(aliasLine, null, "more than " + MAX_ALIASES + " aliases (*name); write the values out or"
                    + " use fewer aliases");
        }
        return root;
    }

    /**
     * The 1-based line of the anchor whose reuse went past {@link #MAX_ALIASES}, or 0 when within it. SnakeYAML
     * bounds only aliases of collections: a few aliases of one large scalar would otherwise multiply a small
     * document into gigabytes of work. Each node is visited once, so this is linear in the document; only
     * anchored nodes are remembered (an inventory of 10,000 names has no anchor, and remembering all of its nodes
     * was a tenth of reading it).
     */
    static int lineBeyondAliasLimit(Node root) {
        if (root == null) {
            return 0;
        }
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        int reused = 0;
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            // only an anchored node can be reached again (through an alias); the others are set aside unrecorded
            if (n.getAnchor() != null && !seen.add(n)) {
                if (++reused > MAX_ALIASES) {
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

    /**
     * A mapping's entries by key, each key one of {@code allowed} and given once. {@code key} names the
     * mapping in errors ("(top level)" for the root); an entry's key is named {@code key.entry}.
     */
    public static Map<String, NodeTuple> mapping(Node node, String key, Collection<String> allowed) throws Problem {
        if (!(node instanceof MappingNode m)) {
            throw new Problem(line(node), key, "expected a mapping (key: value), found " + kind(node));
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks)) {
                throw new Problem(line(k), key, "keys must be plain words");
            }
            String name = ks.getValue();
            String path = key.equals("(top level)") ? name : key + "." + name;
            if (!allowed.contains(name)) {
                throw new Problem(line(k), path, allowed.isEmpty() ? "unknown key; none is expected here"
                        : "unknown key; expected one of " + String.join(", ", allowed));
            }
            if (out.put(name, t) != null) {
                throw new Problem(line(k), path, "key given twice");
            }
        }
        return out;
    }

    /** A list's items; an empty value is an empty list. */
    public static List<Node> sequence(Node node, String key) throws Problem {
        if (node instanceof ScalarNode s && s.getValue().isEmpty()) {
            return List.of();
        }
        if (!(node instanceof SequenceNode s)) {
            throw new Problem(line(node), key, "expected a list, found " + kind(node));
        }
        return s.getValue();
    }

    /** A single value as written (not trimmed; it may be empty). */
    public static String scalar(Node node, String key) throws Problem {
        if (!(node instanceof ScalarNode s)) {
            throw new Problem(line(node), key, "expected a single value, found " + kind(node));
        }
        return s.getValue();
    }

    /** The 1-based line a node starts on, or 0. */
    public static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** What a node is, for a message: a mapping, a list, or the value (short and printable). */
    public static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + Printable.of(node instanceof ScalarNode s ? s.getValue() : "", 60) + "'";
    }
}
