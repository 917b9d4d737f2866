package org.maildrift.checks;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** The conclusions each run could not reach. */
interface InconclusiveRepository extends JpaRepository<InconclusiveRow, Long> {
    List<InconclusiveRow> findByRunId(long runId);
}
