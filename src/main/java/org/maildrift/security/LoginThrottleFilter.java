package org.maildrift.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs before form login and HTTP Basic. A login attempt (a POST of the login form, or a request with
 * Basic credentials) for a user and address that {@link LoginThrottle} holds back is answered 429 with
 * {@code Retry-After}, without checking the password. A request with Basic credentials is authenticated
 * by them alone: the session's login is set aside for it, so a wrong password is never covered by a
 * session cookie.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = null;
        String basic = basicUser(request.getHeader("Authorization"));
        if (basic != null) {
            user = basic;
            SecurityContextHolder.clearContext();
        } else if ("POST".equals(request.getMethod()) && "/login".equals(request.getRequestURI().substring(request.getContextPath().length()))) {
            user = request.getParameter("username");
        }
        if (user != null) {
            Optional<Duration> wait = throttle.retryAfter(user, request.getRemoteAddr());
            if (wait.isPresent()) {
                long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toMillisPart() > 0 ? 1 : 0));
                response.setStatus(429);
                response.setHeader("Retry-After", Long.toString(seconds));
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().write("Too many failed logins for this user from this address; try again in "
                        + seconds + " s.\n");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The user of {@code Authorization: Basic …}, or null when the header is not that (or cannot be read). */
    static String basicUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
