package org.maildrift.alerts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The outbox. */
interface NoticeRepository extends JpaRepository<NoticeRow, Long> {

    /** Recipients with a pending notice whose next attempt is due. */
    @Query("select distinct n.recipient from NoticeRow n where n.status = :status and n.nextAttemptAt <= :now"
            + " order by n.recipient")
    List<String> recipientsDue(NoticeRow.Status status, Instant now);

    List<NoticeRow> findByRecipientAndStatusOrderByIdAsc(String recipient, NoticeRow.Status status);

    /**
     * When the recipient was last sent a notice. A value, not a row: a row this transaction already holds
     * would come back as it was read, and another instance may have sent it since.
     */
    @Query("select max(n.sentAt) from NoticeRow n where n.recipient = :recipient"
            + " and n.status = org.maildrift.alerts.NoticeRow.Status.SENT")
    Optional<Instant> lastSent(String recipient);

    Optional<NoticeRow> findFirstByStatusOrderByCreatedAtAsc(NoticeRow.Status status);

    @Query("select n.status, count(n) from NoticeRow n group by n.status")
    List<Object[]> countByStatus();

    List<NoticeRow> findByStatusOrderByIdDesc(NoticeRow.Status status, Pageable page);

    List<NoticeRow> findByStatusInOrderByIdDesc(Collection<NoticeRow.Status> statuses, Pageable page);

    /** Takes a notice for one instance until {@code until}; 1 when this instance got it. */
    @Modifying
    @Query("update NoticeRow n set n.claimedBy = :by, n.claimedUntil = :until where n.id = :id"
            + " and n.status = org.maildrift.alerts.NoticeRow.Status.PENDING"
            + " and (n.claimedUntil is null or n.claimedUntil < :now)")
    int claim(long id, String by, Instant until, Instant now);
}
