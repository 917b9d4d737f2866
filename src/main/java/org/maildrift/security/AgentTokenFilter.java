package org.maildrift.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.maildrift.agents.AgentTokens;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates an agent by its bearer token, as principal {@code agent:HOST} with role AGENT. A bearer
 * token that is unknown or revoked is answered 401 at once; requests without one pass through.
 */
final class AgentTokenFilter extends OncePerRequestFilter {

    static final String PREFIX = "agent:";

    private final AgentTokens tokens;

    AgentTokenFilter(AgentTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        var host = tokens.hostOf(header.substring(7).trim());
        if (host.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "unknown or revoked agent token");
            return;
        }
        var auth = new UsernamePasswordAuthenticationToken(PREFIX + host.get(), null,
                List.of(new SimpleGrantedAuthority("ROLE_AGENT")));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
