package org.maildrift.dashboard;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.checks.LedgerEntry;
import org.maildrift.rules.Step;

/**
 * A finding's evidence drawn as a chain: name → CNAME → address → host → accepted names. Each step keeps
 * the kind its rule gave it (the page styles it) and its label; nothing is read back out of the text.
 */
record EvidenceChain(List<Shown> steps) {

    record Shown(String kind, String label, String text) {
    }

    /** The chain of a finding as a rule reported it. */
    static EvidenceChain of(List<Step> steps) {
        return new EvidenceChain(steps.stream().map(s -> new Shown(s.kind(), s.label(), s.text())).toList());
    }

    /** The chain of a finding as the ledger keeps it; lines stored before steps had kinds are notes. */
    static EvidenceChain of(LedgerEntry f) {
        List<Shown> out = new ArrayList<>();
        for (int i = 0; i < f.evidence().size(); i++) {
            String kind = "note";
            String label = "";
            if (i < f.evidenceKinds().size()) {
                String[] k = f.evidenceKinds().get(i).split("\t", 2);
                kind = k[0];
                label = k.length > 1 ? k[1] : "";
            }
            out.add(new Shown(kind, label, f.evidence().get(i)));
        }
        return new EvidenceChain(out);
    }
}
