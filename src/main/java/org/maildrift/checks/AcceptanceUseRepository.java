package org.maildrift.checks;

import org.springframework.data.jpa.repository.JpaRepository;

/** When accepted deviations last matched. */
interface AcceptanceUseRepository extends JpaRepository<AcceptanceUseRow, String> {
}
