package org.maildrift.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@link #LIMIT} failed logins for one user from one address within
 * {@link #WINDOW}, further attempts for that pair are answered 429 until the oldest failure leaves the
 * window. Another address is not affected, so the owner can still log in while someone guesses. Every
 * failure is logged with the user and address (never the password) and counted.
 */
@Component
public class LoginThrottle {

    static final int LIMIT = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Pairs remembered at most; past it the pair seen least recently is forgotten. */
    private static final int MAX_PAIRS = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    private record Pair(String user, String address) {
    }

    private final Clock clock;
    private final Counter failures;
    private final Counter throttled;
    private final Map<Pair, Deque<Instant>> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Pair, Deque<Instant>> eldest) {
            return size() > MAX_PAIRS;
        }
    };

    LoginThrottle(Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.failures = Counter.builder("maildrift.login.failures")
                .description("Failed logins (form and HTTP Basic)").register(registry);
        this.throttled = Counter.builder("maildrift.login.throttled")
                .description("Login attempts refused with 429 while a user and address were throttled").register(registry);
    }

    /** How long {@code user} from {@code address} must wait, or empty when it may try now. */
    public synchronized Optional<Duration> retryAfter(String user, String address) {
        Deque<Instant> times = recent.get(new Pair(user, address));
        if (times == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        prune(times, now);
        if (times.size() < LIMIT) {
            return Optional.empty();
        }
        throttled.increment();
        Duration wait = Duration.between(now, times.peekFirst().plus(WINDOW));
        return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
    }

    public synchronized void failed(String user, String address) {
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(new Pair(user, address), k -> new ArrayDeque<>());
        prune(times, now);
        times.addLast(now);
        failures.increment();
        LOG.warn("failed login for user '{}' from {} ({} in the last {} min)", printable(user), address, times.size(),
                WINDOW.toMinutes());
    }

    public synchronized void succeeded(String user, String address) {
        recent.remove(new Pair(user, address));
    }

    private static void prune(Deque<Instant> times, Instant now) {
        Instant since = now.minus(WINDOW);
        while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
            times.removeFirst();
        }
        while (times.size() > LIMIT) {
            times.removeFirst();
        }
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        failed(event.getAuthentication().getName(), address(event.getAuthentication().getDetails()));
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails) {
            succeeded(event.getAuthentication().getName(), address(event.getAuthentication().getDetails()));
        }
    }

    private static String address(Object details) {
        return details instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : "unknown";
    }

    /** A user name as typed may hold anything: log it printable and short. */
    static String printable(String s) {
        return org.maildrift.files.Printable.of(s, 100);
    }
}
