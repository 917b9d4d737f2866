package org.maildrift.dashboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/** Times as the pages show them: UTC, to the second; used in templates as {@code @times.at(…)}. */
@Component("times")
class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    public String at(Instant instant) {
        return instant == null ? "—" : FORMAT.format(instant);
    }
}
