package org.maildrift.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.maildrift.testsupport.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances sharing the database take notices for the same recipient at the same moment: every item
 * is sent exactly once (a notice one instance is sending is never merged into or taken by the other).
 */
@SpringBootTest(properties = {"maildrift.alerts.relay-poll=0", "maildrift.alerts.group-interval=0s",
    "maildrift.alerts.to=ops@example.com"})
@org.springframework.context.annotation.Import(MutableClock.Configuration.class)
class OutboxClaimTest {

    static final int ROUNDS = 25;
    static final int NOTICES = 4;

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;

    @Test
    void twoInstancesSendEveryItemExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                jdbc.update("delete from alert_notice_item");
                jdbc.update("delete from alert_notice");
                List<String> written = new ArrayList<>();
                for (int i = 0; i < NOTICES; i++) {
                    String subject = "round" + round + "-finding" + i + ".example.com";
                    written.add(subject);
                    long run = i + 1;
                    tx.executeWithoutResult(s -> outbox.write("ops@example.com", run, clock.instant(), List.of(
                            AlertItem.blind(NoticeKind.NEW, subject, null, "drift", clock.instant()))));
                }
                clock.advance(Duration.ofMinutes(1));
                List<String> sent = new CopyOnWriteArrayList<>();
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<?>> done = new ArrayList<>();
                for (String instance : List.of("instance-a", "instance-b")) {
                    done.add(pool.submit(() -> {
                        start.await();
                        Optional<Outbox.Claimed> c;
                        while ((c = outbox.claim("ops@example.com", instance)).isPresent()) {
                            c.get().items().forEach(item -> sent.add(item.subject()));
                            outbox.sent(c.get().id(), "sent by " + instance);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                // what neither took in the race (the other held it) is taken on the next pass
                Optional<Outbox.Claimed> c;
                while ((c = outbox.claim("ops@example.com", "instance-a")).isPresent()) {
                    c.get().items().forEach(item -> sent.add(item.subject()));
                    outbox.sent(c.get().id(), "sent later");
                }
                assertThat(sent).as("round %d", round).containsExactlyInAnyOrderElementsOf(written);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
