package org.maildrift.checks;

import java.time.LocalDate;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** Acceptances made on the dashboard. */
interface AcceptanceRepository extends JpaRepository<AcceptanceRow, Long> {
    List<AcceptanceRow> findByRemovedAtIsNullAndExpiresGreaterThanEqualOrderByIdAsc(LocalDate today);

    List<AcceptanceRow> findAllByOrderByIdDesc();
}
