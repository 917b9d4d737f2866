package org.maildrift.alerts;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** Silences. */
interface SilenceRepository extends JpaRepository<SilenceRow, Long> {

    List<SilenceRow> findByEndedAtIsNullAndEndsAtAfterOrderByEndsAtAsc(Instant now);

    List<SilenceRow> findTop50ByOrderByIdDesc();
}
