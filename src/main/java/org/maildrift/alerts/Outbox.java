package org.maildrift.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox: one row per e-mail to one recipient, written in the transaction that decided it and
 * delivered afterwards by the {@link OutboxRelay}. A notice keeps its Message-ID on every attempt; a
 * notice never tried yet may absorb the recipient's later ones (group interval), one already tried never
 * changes.
 */
@Service
public class Outbox {

    /** How long one instance holds a notice it is sending before another may take it. */
    static final Duration CLAIM = Duration.ofMinutes(5);

    private final NoticeRepository notices;
    private final NoticeItemRepository items;
    private final AlertProperties properties;
    private final Clock clock;
    private final Recipients recipients;
    private volatile Runnable onCommit = () -> { };

    Outbox(NoticeRepository notices, NoticeItemRepository items, AlertProperties properties, Clock clock,
            Recipients recipients) {
        this.notices = notices;
        this.items = items;
        this.properties = properties;
        this.clock = clock;
        this.recipients = recipients;
    }

    /** What to run once a transaction that wrote notices has committed (the relay's wake-up). */
    void onCommit(Runnable wake) {
        this.onCommit = wake;
    }

    /** Writes one notice in the caller's transaction (there must be one). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void write(String recipient, Long runId, Instant now, List<AlertItem> list) {
        Instant due = runId == null ? now : now.plus(properties.groupWait());
        NoticeRow row = notices.save(new NoticeRow(recipient, messageId(), runId, now, due,
                due.plus(properties.giveUpAfter())));
        List<AlertItem> sorted = new ArrayList<>(list);
        sorted.sort(AlertItem.ORDER);
        for (AlertItem i : sorted) {
            items.save(new NoticeItemRow(row.id, i));
        }
        wakeAfterCommit();
    }

    /** Queues a test alert to every recipient; the number queued (0 when nobody is configured). */
    @Transactional
    public int sendTest(String by) {
        Instant now = clock.instant();
        AlertItem test = AlertItem.blind(NoticeKind.TEST, "test alert", null,
                "Sent by " + by + " from the dashboard to prove that alerts reach you.", now);
        int n = 0;
        for (String r : recipients.everyone()) {
            write(r, null, now, List.of(test));
            n++;
        }
        return n;
    }

    private String messageId() {
        String from = properties.from();
        String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1) : "maildrift";
        domain = domain.replaceAll("[^A-Za-z0-9.-]", "").toLowerCase(Locale.ROOT);
        return "<maildrift." + UUID.randomUUID() + "@" + (domain.isEmpty() ? "maildrift" : domain) + ">";
    }

    // ---- the relay's side ----

    /** A notice taken for sending: what to send and how often it was tried before. */
    record Claimed(long id, String recipient, String messageId, int attempts, List<AlertItem> items, Instant createdAt) {
    }

    @Transactional(readOnly = true)
    public List<String> recipientsDue() {
        return notices.recipientsDue(NoticeRow.Status.PENDING, clock.instant());
    }

    /**
     * Takes the recipient's next notice that is due, or nothing. Notices never tried are held until the
     * group interval since the recipient's last e-mail has passed, then merged into the oldest of them.
     */
    @Transactional
    Optional<Claimed> claim(String recipient, String instance) {
        Instant now = clock.instant();
        Instant until = now.plus(CLAIM);
        // a notice another instance is sending is not touched: not claimed, not merged into
        List<NoticeRow> pending = notices.findByRecipientAndStatusOrderByIdAsc(recipient, NoticeRow.Status.PENDING)
                .stream().filter(n -> !n.nextAttemptAt.isAfter(now))
                .filter(n -> n.claimedUntil == null || n.claimedUntil.isBefore(now)).toList();
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        Optional<NoticeRow> retry = pending.stream().filter(n -> n.attempts > 0).findFirst();
        if (retry.isPresent()) {
            return notices.claim(retry.get().id, instance, until, now) == 1 ? Optional.of(claimed(retry.get()))
                    : Optional.empty();
        }
        List<NoticeRow> fresh = pending;
        boolean grouped = fresh.stream().allMatch(n -> n.runId != null);
        Optional<Instant> last = notices.lastSent(recipient);
        if (grouped && last.isPresent() && last.get().plus(properties.groupInterval()).isAfter(now)) {
            return Optional.empty();
        }
        NoticeRow first = fresh.get(0);
        if (notices.claim(first.id, instance, until, now) != 1) {
            return Optional.empty();
        }
        // only notices this instance has claimed itself are merged, so no other instance is sending them
        List<Long> absorbed = new ArrayList<>();
        if (first.runId != null) {
            for (NoticeRow n : fresh.subList(1, fresh.size())) {
                if (n.runId != null && notices.claim(n.id, instance, until, now) == 1) {
                    absorbed.add(n.id);
                }
            }
        }
        if (!absorbed.isEmpty()) {
            items.move(absorbed, first.id);
            notices.deleteAllById(absorbed);
            keepLatestPerSubject(first.id);
        }
        return Optional.of(claimed(first));
    }

    private Claimed claimed(NoticeRow n) {
        List<AlertItem> list = items.findByNoticeIdOrderByIdAsc(n.id).stream().map(NoticeItemRow::item)
                .sorted(AlertItem.ORDER).toList();
        return new Claimed(n.id, n.recipient, n.messageId, n.attempts, list, n.createdAt);
    }

    /** Of several items about one finding (or one blind source) in a merged notice, only the latest stays. */
    private void keepLatestPerSubject(long noticeId) {
        Map<String, NoticeItemRow> latest = new HashMap<>();
        List<NoticeItemRow> older = new ArrayList<>();
        for (NoticeItemRow i : items.findByNoticeIdOrderByIdAsc(noticeId)) {
            String key = i.findingId != null ? "finding:" + i.findingId : "source:" + i.subject;
            NoticeItemRow before = latest.put(key, i);
            if (before != null) {
                older.add(before);
            }
        }
        items.deleteAll(older);
    }

    @Transactional
    void sent(long id, String subject) {
        notices.findById(id).ifPresent(n -> {
            Instant now = clock.instant();
            n.status = NoticeRow.Status.SENT;
            n.sentAt = now;
            n.lastAttemptAt = now;
            n.attempts++;
            n.subject = subject;
            n.lastError = null;
            n.claimedBy = null;
            n.claimedUntil = null;
        });
    }

    /** Records a failed attempt: the next one after an exponential backoff, or failed once the give-up time has passed. */
    @Transactional
    void attemptFailed(long id, String error) {
        notices.findById(id).ifPresent(n -> {
            Instant now = clock.instant();
            n.attempts++;
            n.lastAttemptAt = now;
            n.lastError = error == null ? "unknown error" : error.substring(0, Math.min(4000, error.length()));
            n.claimedBy = null;
            n.claimedUntil = null;
            if (!now.isBefore(n.giveUpAt)) {
                n.status = NoticeRow.Status.FAILED;
            } else {
                n.nextAttemptAt = now.plus(backoff(n.attempts));
            }
        });
    }

    /** The wait after the n-th failed attempt: first, doubled each time, capped. */
    Duration backoff(int failedAttempts) {
        Duration d = properties.retryFirst();
        for (int i = 1; i < failedAttempts && d.compareTo(properties.retryCap()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(properties.retryCap()) > 0 ? properties.retryCap() : d;
    }

    // ---- what people see ----

    /** Puts a failed notice back in the queue, to be tried now and for another give-up period. */
    @Transactional
    public boolean resend(long id) {
        return notices.findById(id).filter(n -> n.status == NoticeRow.Status.FAILED).map(n -> {
            Instant now = clock.instant();
            n.status = NoticeRow.Status.PENDING;
            n.nextAttemptAt = now;
            n.giveUpAt = now.plus(properties.giveUpAfter());
            wakeAfterCommit();
            return true;
        }).orElse(false);
    }

    /** The relay looks at the outbox once this transaction has committed (not before: it would not see the rows). */
    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    onCommit.run();
                }
            });
        }
    }

    /** How the outbox stands: counts, the oldest pending notice's creation time, the last error. */
    public record State(long pending, long failed, long sent, Instant oldestPending, String lastError) {
        public boolean backlogOlderThan(Duration age, Instant now) {
            return oldestPending != null && oldestPending.plus(age).isBefore(now);
        }
    }

    @Transactional(readOnly = true)
    public State state() {
        // every dashboard page shows this: one grouped count, and the oldest waiting notice only when one waits
        Map<NoticeRow.Status, Long> counts = new java.util.EnumMap<>(NoticeRow.Status.class);
        for (Object[] row : notices.countByStatus()) {
            counts.put((NoticeRow.Status) row[0], (Long) row[1]);
        }
        long pending = counts.getOrDefault(NoticeRow.Status.PENDING, 0L);
        Optional<NoticeRow> oldest = pending == 0 ? Optional.empty()
                : notices.findFirstByStatusOrderByCreatedAtAsc(NoticeRow.Status.PENDING);
        return new State(pending, counts.getOrDefault(NoticeRow.Status.FAILED, 0L),
                counts.getOrDefault(NoticeRow.Status.SENT, 0L), oldest.map(n -> n.createdAt).orElse(null),
                oldest.map(n -> n.lastError).orElse(null));
    }

    /** Pending and failed notices (newest first), then the latest sent ones. */
    @Transactional(readOnly = true)
    public List<Notice> recent(int max) {
        List<NoticeRow> rows = new ArrayList<>(notices.findByStatusInOrderByIdDesc(
                EnumSet.of(NoticeRow.Status.PENDING, NoticeRow.Status.FAILED), PageRequest.of(0, max)));
        rows.addAll(notices.findByStatusOrderByIdDesc(NoticeRow.Status.SENT, PageRequest.of(0, max)));
        Map<Long, Integer> counts = new HashMap<>();
        if (!rows.isEmpty()) {
            for (Object[] c : items.countByNoticeIds(rows.stream().map(n -> n.id).toList())) {
                counts.put((Long) c[0], ((Long) c[1]).intValue());
            }
        }
        return rows.stream().map(n -> n.notice(counts.getOrDefault(n.id, 0))).toList();
    }

    @Transactional(readOnly = true)
    public Optional<Notice> notice(long id) {
        return notices.findById(id).map(n -> n.notice((int) items.countByNoticeId(id)));
    }

    /** What one notice reports. */
    @Transactional(readOnly = true)
    public List<AlertItem> items(long noticeId) {
        return items.findByNoticeIdOrderByIdAsc(noticeId).stream().map(NoticeItemRow::item).toList();
    }
}
