package org.maildrift.spf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSServiceEnabled;
import org.apache.james.jspf.core.MacroExpand;
import org.apache.james.jspf.core.MacroExpandEnabled;
import org.apache.james.jspf.core.SPFCheckEnabled;
import org.apache.james.jspf.core.exceptions.PermErrorException;
import org.apache.james.jspf.impl.DefaultTermsFactory;
import org.apache.james.jspf.parser.RFC4408SPF1Parser;
import org.apache.james.jspf.parser.TermDefinition;
import org.apache.james.jspf.parser.TermsFactory;
import org.apache.james.jspf.terms.Configuration;
import org.apache.james.jspf.terms.MXMechanism;
import org.apache.james.jspf.terms.PTRMechanism;
import org.apache.james.jspf.wiring.WiringServiceTable;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.SPF;
import org.maildrift.dns.DnsObserver.Question;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;

/**
 * RFC 7208 check_host() by Apache jSPF, over DNS answers maildrift supplies: jSPF's DNS service is this
 * class's adapter, so the same evaluation runs on a live view, on zone files and on a precheck's proposed
 * DNS. A failed lookup (CHECK_ERROR) reaches jSPF as a timeout, so it gives temperror, and the verdict
 * names the failed lookup. Not thread-safe: one evaluator per thread.
 */
public final class SpfEvaluator {

    /** The most MX and PTR records one mechanism may look at (RFC 7208 §4.6.4). */
    private static final int RECORD_LIMIT = 10;
    /** The most void lookups (NXDOMAIN, or no records) one check may make (RFC 7208 §4.6.4: SHOULD be 2). */
    static final int VOID_LOOKUP_LIMIT = 2;

    private final Function<Question, DnsAnswer> dns;
    private final SPF spf;
    private final RFC4408SPF1Parser parser;
    private final List<Question> asked = new ArrayList<>();
    private DnsAnswer failed;
    private int voidLookups;

    public SpfEvaluator(Function<Question, DnsAnswer> dns) {
        this.dns = dns;
        Adapter adapter = new Adapter();
        // as jSPF's own SPF(DNSService, SPFExecutor) wires itself, with the mx mechanism replaced
        WiringServiceTable wiring = new WiringServiceTable();
        wiring.put(DNSServiceEnabled.class, adapter);
        MacroExpand macros = new MacroExpand(adapter);
        wiring.put(MacroExpandEnabled.class, macros);
        TermsFactory defaults = new DefaultTermsFactory(wiring);
        TermsFactory terms = new TermsFactory() {
            @Override
            public Object createTerm(Class<?> term, Configuration config)
                    throws PermErrorException, InstantiationException {
                Class<?> fixed = term == MXMechanism.class ? SessionSafeMxMechanism.class
                        : term == PTRMechanism.class ? DomainFirstPtrMechanism.class : term;
                return defaults.createTerm(fixed, config);
            }

            @Override
            public Collection<TermDefinition> getMechanismsCollection() {
                return defaults.getMechanismsCollection();
            }

            @Override
            public Collection<TermDefinition> getModifiersCollection() {
                return defaults.getModifiersCollection();
            }
        };
        this.parser = new RFC4408SPF1Parser(terms);
        this.spf = new SPF(adapter, parser, macros, new SynchronousSPFExecutor(adapter));
        wiring.put(SPFCheckEnabled.class, spf);
        spf.setUseBestGuess(false);
        spf.setUseTrustedForwarder(false);
    }

    /** An evaluator asking {@code dns} by name and type (a rule's evidence). */
    public static SpfEvaluator asking(java.util.function.BiFunction<String, RecordType, DnsAnswer> dns) {
        return new SpfEvaluator(q -> dns.apply(q.name(), q.type()));
    }

    /**
     * The verdict for mail from {@code sender} (an address, or a bare domain, which is checked as
     * postmaster@domain) sent from {@code ip} with HELO {@code helo}.
     */
    public SpfVerdict check(String ip, String sender, String helo) {
        asked.clear();
        failed = null;
        voidLookups = 0;
        String from = sender.contains("@") ? sender : "postmaster@" + sender;
        SPFResult r;
        try {
            r = spf.checkSPF(ip, from, helo);
        } catch (RuntimeException e) {
            // jSPF gives up on some hostile records instead of returning permerror (JSPF-110)
            return new SpfVerdict(SpfResult.PERMERROR, "the SPF evaluator could not evaluate this record",
                    asked, failed);
        }
        if (voidLookups > VOID_LOOKUP_LIMIT) {
            // jSPF does not count void lookups; the check ended in permerror when the third one came back
            return new SpfVerdict(SpfResult.PERMERROR, "more than " + VOID_LOOKUP_LIMIT
                    + " void DNS lookups (RFC 7208 §4.6.4)", asked, failed);
        }
        return new SpfVerdict(SpfResult.of(r.getResult()), r.getExplanation(), asked, failed);
    }

    /** True when jSPF's parser takes the record (its message, which quotes the record, is not kept). */
    boolean parses(String record) {
        try {
            parser.parse(record);
            return true;
        } catch (PermErrorException | org.apache.james.jspf.core.exceptions.NoneException
                | org.apache.james.jspf.core.exceptions.NeutralException | RuntimeException e) {
            return false;
        }
    }

    /** The TXT data of an answer as the character-strings joined, \DDD escapes undone. */
    static String text(String canonical) {
        if (canonical.indexOf('\\') < 0) {
            return canonical;
        }
        StringBuilder sb = new StringBuilder(canonical.length());
        for (int i = 0; i < canonical.length(); i++) {
            char c = canonical.charAt(i);
            if (c == '\\' && i + 3 < canonical.length() && Character.isDigit(canonical.charAt(i + 1))) {
                sb.append((char) Integer.parseInt(canonical.substring(i + 1, i + 4)));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private final class Adapter implements DNSService {

        @Override
        public List<String> getRecords(DNSRequest request) throws TimeoutException {
            RecordType type = switch (request.getRecordType()) {
                case DNSRequest.A -> RecordType.A;
                case DNSRequest.AAAA -> RecordType.AAAA;
                case DNSRequest.MX -> RecordType.MX;
                case DNSRequest.PTR -> RecordType.PTR;
                case DNSRequest.TXT -> RecordType.TXT;
                // the SPF RR type (99) is obsolete (RFC 7208 §3.1) and never looked up
                default -> null;
            };
            if (type == null) {
                return null;
            }
            if (voidLookups > VOID_LOOKUP_LIMIT) {
                throw new TimeoutException("the check has already ended in permerror");
            }
            Question q = new Question(DnsNames.canonical(request.getHostname()), type);
            asked.add(q);
            DnsAnswer a = dns.apply(q);
            if (!a.outcome().isFact()) {
                if (failed == null) {
                    failed = a;
                }
                throw new TimeoutException("lookup failed: " + a.error().label());
            }
            // every lookup of a, mx, ptr and exists that found nothing counts; the records of include and
            // redirect do not (as Mail::SPF counts)
            boolean counts = type != RecordType.TXT;
            if (a.outcome() != Outcome.ANSWER || a.records().isEmpty()) {
                if (counts) {
                    voidLookups++;
                }
                return null;
            }
            List<String> out = new ArrayList<>(a.records().size());
            for (String rec : a.records()) {
                if (type == RecordType.MX && rec.endsWith(" .")) {
                    // a null MX (RFC 7505) names no exchange: the root has no address, a void lookup
                    voidLookups++;
                    continue;
                }
                out.add(switch (type) {
                    case MX -> rec.substring(rec.indexOf(' ') + 1);
                    case PTR -> rec.endsWith(".") ? rec.substring(0, rec.length() - 1) : rec;
                    case TXT -> text(rec);
                    default -> rec;
                });
            }
            return out.isEmpty() ? null : out;
        }

        @Override
        public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
            try {
                return CompletableFuture.completedFuture(getRecords(request));
            } catch (TimeoutException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        /** Used for %{r} in explanations only; the checking machine's own names are none of SPF's business. */
        @Override
        public List<String> getLocalDomainNames() {
            return List.of();
        }

        @Override
        public void setTimeOut(int timeOut) {
            // maildrift's DNS answers are already collected or bounded by its own timeouts
        }

        @Override
        public int getRecordLimit() {
            return RECORD_LIMIT;
        }

        @Override
        public void setRecordLimit(int recordLimit) {
            // fixed by RFC 7208
        }
    }
}
