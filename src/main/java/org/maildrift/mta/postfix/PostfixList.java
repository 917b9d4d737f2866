package org.maildrift.mta.postfix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.ConfigProblem;
import org.maildrift.mta.model.IneffectivePattern;
import org.maildrift.mta.model.Provenance;
import org.maildrift.mta.postfix.tables.TableAccess;
import org.maildrift.mta.model.UnresolvedReference;

/**
 * Splits an expanded list parameter into elements the way match_list_parse() does: on commas and
 * blanks outside braces, leading '!' toggling negation, an element starting with '#' ending the list,
 * {@code /file} elements replaced by the file's words, {@code type:table} elements opened when
 * maildrift can read them.
 */
final class PostfixList {

    /** Files included from other files nest at most this deep (a file that includes itself stops here). */
    private static final int MAX_FILE_DEPTH = 8;

    record Parsed(List<ListElement> elements, List<IneffectivePattern> ineffective,
            List<UnresolvedReference> unresolved, List<ConfigProblem> problems) {
    }

    private final FilesRoot files;
    private final PostfixTables tables;
    private final AddressClass addressClass;
    private final List<ListElement> elements = new ArrayList<>();
    private final List<IneffectivePattern> ineffective = new ArrayList<>();
    private final List<UnresolvedReference> unresolved = new ArrayList<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    private PostfixList(FilesRoot files, TableAccess databases, AddressClass addressClass) {
        this.files = files;
        this.tables = new PostfixTables(files, databases);
        this.addressClass = addressClass;
    }

    /**
     * @param text the expanded value
     * @param provenanceAt the provenance of the element starting at a given offset of {@code text}
     */
    static Parsed parse(String text, AddressClass addressClass, FilesRoot files,
            Function<Integer, Provenance> provenanceAt) {
        return parse(text, addressClass, files, TableAccess.NONE, provenanceAt);
    }

    static Parsed parse(String text, AddressClass addressClass, FilesRoot files, TableAccess databases,
            Function<Integer, Provenance> provenanceAt) {
        PostfixList list = new PostfixList(files, databases, addressClass);
        list.parseText(text, false, provenanceAt, 0);
        return new Parsed(List.copyOf(list.elements), List.copyOf(list.ineffective), List.copyOf(list.unresolved),
                List.copyOf(list.problems));
    }

    /** mystrtokq(", \t\r\n", "{}"): tokens with their start offsets. */
    static List<int[]> tokenSpans(String s) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isDelimiter(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            int level = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '{') {
                    level++;
                } else if (c == '}') {
                    level--;
                } else if (level <= 0 && isDelimiter(c)) {
                    break;
                }
                i++;
            }
            out.add(new int[] {start, i});
        }
        return out;
    }

    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        for (int[] span : tokenSpans(s)) {
            out.add(s.substring(span[0], span[1]));
        }
        return out;
    }

    private static boolean isDelimiter(char c) {
        return c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private void parseText(String text, boolean negatedOuter, Function<Integer, Provenance> provenanceAt, int depth) {
        for (int[] span : tokenSpans(text)) {
            String token = text.substring(span[0], span[1]);
            Provenance source = provenanceAt.apply(span[0]);
            if (token.startsWith("#")) {
                String rest = text.substring(span[0]).strip();
                problems.add(ConfigProblem.warning(source.file(), source.line(),
                        "comment at end of line is not supported: " + MacroExpander.abbreviate(rest)));
                ineffective.add(new IneffectivePattern(MacroExpander.abbreviate(rest), addressClass,
                        "text after '#' inside a list is ignored by Postfix (no comments after other text)", source));
                return;
            }
            boolean negated = negatedOuter;
            int k = 0;
            while (k < token.length() && token.charAt(k) == '!') {
                negated = !negated;
                k++;
            }
            String item = token.substring(k);
            if (item.isEmpty()) {
                problems.add(ConfigProblem.error(source.file(), source.line(), "no pattern after '!'"));
                continue;
            }
            if (item.startsWith("/")) {
                includeFile(item, negated, source, depth);
            } else if (item.charAt(0) != '[' && item.indexOf(':') >= 0) {
                addTable(item, negated, source);
            } else {
                addLiteral(item, negated, source);
            }
        }
    }

    private void includeFile(String path, boolean negated, Provenance source, int depth) {
        if (depth >= MAX_FILE_DEPTH) {
            problems.add(ConfigProblem.error(source.file(), source.line(),
                    "files included more than " + MAX_FILE_DEPTH + " levels deep: " + path));
            return;
        }
        FilesRoot.Read read = files.read(path);
        if (!read.ok()) {
            unresolved.add(new UnresolvedReference(path, addressClass, read.failure(), source));
            elements.add(new ListElement.Table(path, null, path, false, false, read.failure(), negated, source));
            return;
        }
        List<String> chain = new ArrayList<>(source.chain());
        chain.add(path);
        List<String> fileChain = List.copyOf(chain);
        String text = read.text();
        int lineNo = 0;
        int pos = 0;
        while (pos <= text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            lineNo++;
            if (end > pos && text.charAt(pos) != '#') {
                Provenance lineSource = new Provenance(path, lineNo, fileChain);
                parseText(text.substring(pos, end), negated, offset -> lineSource, depth + 1);
            }
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
        }
    }

    private void addTable(String reference, boolean negated, Provenance source) {
        ListElement.Table table;
        try {
            table = tables.open(reference, negated, source);
        } catch (PostfixTables.TableSyntaxException e) {
            problems.add(ConfigProblem.error(source.file(), source.line(), e.getMessage()));
            return;
        }
        if (!table.resolved()) {
            unresolved.add(new UnresolvedReference(reference, addressClass, table.failure(), source));
        } else if (table.keys() != null) {
            boolean folded = !reference.contains("texthash:") && !reference.contains("inline:");
            if (!folded) {
                table.keys().forEach((key, line) -> {
                    if (!key.equals(key.toLowerCase(Locale.ROOT))) {
                        ineffective.add(new IneffectivePattern(key, addressClass,
                                "table key with capital letters never matches (Postfix looks up lower-case names)",
                                keySource(table, source, line)));
                    }
                });
            }
        }
        elements.add(table);
    }

    static Provenance keySource(ListElement.Table table, Provenance source, int line) {
        List<String> chain = new ArrayList<>(source.chain());
        chain.add(table.reference());
        if (table.keyFile() == null || line <= 0) {
            return new Provenance(source.file(), source.line(), chain);
        }
        return new Provenance(table.keyFile(), line, chain);
    }

    private void addLiteral(String item, boolean negated, Provenance source) {
        String folded = item.toLowerCase(Locale.ROOT);
        elements.add(new ListElement.Literal(folded, item, negated, source));
        if (negated) {
            return;
        }
        if (item.startsWith("{")) {
            ineffective.add(new IneffectivePattern(item, addressClass,
                    "a {...} element is one literal string, not a list; it matches no domain", source));
        } else if (item.endsWith(".")) {
            ineffective.add(new IneffectivePattern(item, addressClass,
                    "trailing dot: Postfix strips one trailing dot from the recipient domain, so this never matches",
                    source));
        } else if (item.startsWith(".") && addressClass != AddressClass.RELAY) {
            ineffective.add(new IneffectivePattern(item, addressClass,
                    "leading dot: this list matches names exactly, so no subdomain matches", source));
        }
    }
}
