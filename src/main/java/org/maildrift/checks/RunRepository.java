package org.maildrift.checks;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Check runs. */
interface RunRepository extends JpaRepository<RunRow, Long> {
    Optional<RunRow> findFirstByOrderByIdDesc();

    Page<RunRow> findAllByOrderByIdDesc(Pageable page);

    Optional<RunRow> findFirstByStatusAndIdLessThanOrderByIdDesc(String status, long id);
}
