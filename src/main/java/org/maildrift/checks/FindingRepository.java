package org.maildrift.checks;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

/** Findings. */
interface FindingRepository extends JpaRepository<FindingRow, Long>, JpaSpecificationExecutor<FindingRow> {
    Optional<FindingRow> findByKey(String key);

    List<FindingRow> findByKeyIn(Collection<String> keys);

    List<FindingRow> findByStateIn(Collection<FindingState> states);

    long countByState(FindingState state);

    @Query("select f.severity, count(f) from FindingRow f where f.state = :state group by f.severity")
    List<Object[]> countBySeverity(FindingState state);

    @Query("select f.rule, count(f) from FindingRow f where f.state = :state group by f.rule")
    List<Object[]> countByRule(FindingState state);
}
