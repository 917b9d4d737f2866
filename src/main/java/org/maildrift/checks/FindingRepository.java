package org.maildrift.checks;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

/** Findings. */
interface FindingRepository extends JpaRepository<FindingRow, Long>, JpaSpecificationExecutor<FindingRow> {
    List<FindingRow> findByKeyIn(Collection<String> keys);

    List<FindingRow> findByStateIn(Collection<FindingState> states);

    List<FindingRow> findByFlappingTrueAndStateIn(Collection<FindingState> states);

    @Query("select f.severity, count(f) from FindingRow f where f.state = :state group by f.severity")
    List<Object[]> countBySeverity(FindingState state);

    @Query("select f.host, f.severity, count(f) from FindingRow f where f.state = :state group by f.host, f.severity")
    List<Object[]> countByHostAndSeverity(FindingState state);

    @Query("select f.rule, count(f) from FindingRow f where f.state = :state group by f.rule")
    List<Object[]> countByRule(FindingState state);
}
