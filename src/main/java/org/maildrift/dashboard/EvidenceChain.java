package org.maildrift.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A finding's evidence drawn as a chain: name → CNAME → address → host → accepted names. Each evidence
 * line becomes one step with a kind the page styles; a line that fits no step is shown as a note.
 */
record EvidenceChain(List<Step> steps) {

    private static final Pattern CNAME = Pattern.compile("(\\S+) CNAME (\\S+)");
    private static final Pattern MX = Pattern.compile("(\\S+) MX (\\d+) (\\S+)");
    private static final Pattern ADDRESS = Pattern.compile("(\\S+) (A|AAAA) (\\S+)( = host (\\S+)| \\(no inventory host\\))?(.*)");
    private static final Pattern HOST = Pattern.compile("host (\\S+) (accepts|does not accept) (.*)");

    record Step(String kind, String label, String text) {
    }

    static EvidenceChain of(List<String> evidence) {
        List<Step> steps = new ArrayList<>();
        for (String line : evidence) {
            Matcher m;
            if ((m = CNAME.matcher(line)).matches()) {
                steps.add(new Step("alias", "CNAME", line));
            } else if ((m = MX.matcher(line)).matches()) {
                steps.add(new Step("mx", "MX", line));
            } else if ((m = ADDRESS.matcher(line)).matches()) {
                steps.add(new Step(m.group(5) != null ? "host" : "address", m.group(2), line));
            } else if ((m = HOST.matcher(line)).matches()) {
                steps.add(new Step(m.group(2).equals("accepts") ? "accepted" : "rejected",
                        m.group(2).equals("accepts") ? "accepts" : "does not accept", line));
            } else {
                steps.add(new Step("note", "", line));
            }
        }
        return new EvidenceChain(steps);
    }
}
