package dev.platform.infra.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request from its {@code Authorization: Bearer} token. A bad token leaves the request
 * anonymous and notes why; the entry point then answers 401 wherever authentication is required, while the
 * public endpoints (register, login) ignore a stale token.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final String REJECTION = BearerTokenFilter.class.getName() + ".rejection";
    private static final String PREFIX = "Bearer ";

    private final JwtService jwt;

    BearerTokenFilter(JwtService jwt) {
        this.jwt = jwt;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            if (header.length() <= PREFIX.length() || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                request.setAttribute(REJECTION, "The Authorization header is not a Bearer token.");
            } else {
                try {
                    AuthenticatedUser user =
                            jwt.verify(header.substring(PREFIX.length()).trim());
                    var authority =
                            new SimpleGrantedAuthority("ROLE_" + user.role().name());
                    var authentication = new UsernamePasswordAuthenticationToken(user, null, List.of(authority));
                    SecurityContextHolder.getContext().setAuthentication(authentication);
                } catch (JwtService.InvalidToken e) {
                    request.setAttribute(REJECTION, "The access token is invalid or expired.");
                }
            }
        }
        chain.doFilter(request, response);
    }
}
