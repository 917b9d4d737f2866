package org.maildrift.alerts;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** What each finding's people were told. */
interface AlertFindingRepository extends JpaRepository<AlertFindingRow, Long> {

    List<AlertFindingRow> findByNotifiedAtIsNotNullOrFlappingNotifiedTrue();
}
