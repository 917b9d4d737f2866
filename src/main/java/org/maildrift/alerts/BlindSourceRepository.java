package org.maildrift.alerts;

import org.springframework.data.jpa.repository.JpaRepository;

/** Sources that are failing now. */
interface BlindSourceRepository extends JpaRepository<BlindSourceRow, String> {
}
