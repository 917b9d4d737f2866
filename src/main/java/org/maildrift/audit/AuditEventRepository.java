package org.maildrift.audit;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface AuditEventRepository extends JpaRepository<AuditEventRow, Long> {

    Page<AuditEventRow> findAllByOrderByIdDesc(Pageable page);
}
