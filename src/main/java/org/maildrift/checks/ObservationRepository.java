package org.maildrift.checks;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** What each run observed of each finding. */
interface ObservationRepository extends JpaRepository<ObservationRow, Long> {
    List<ObservationRow> findByFindingIdOrderByRunIdDesc(long findingId, Pageable page);

    List<ObservationRow> findByRunId(long runId);
}
