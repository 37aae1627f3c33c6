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
 * public endpoints (register, login) ignore a stale token. A token issued before its user's last password change is
 * such a bad token ({@link RevokedTokens}: a look-up in memory, no database round trip).
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final String REJECTION = BearerTokenFilter.class.getName() + ".rejection";
    private static final String PREFIX = "Bearer ";

    private final JwtService jwt;
    private final RevokedTokens revoked;

    BearerTokenFilter(JwtService jwt, RevokedTokens revoked) {
        this.jwt = jwt;
        this.revoked = revoked;
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
                    JwtService.VerifiedToken token = jwt.verifyWithIssueTime(
                            header.substring(PREFIX.length()).trim());
                    AuthenticatedUser user = token.user();
                    if (revoked.refuses(user.id(), token.issuedAt())) {
                        request.setAttribute(
                                REJECTION,
                                "The access token was issued before the last password change; log in again.");
                    } else {
                        var authority =
                                new SimpleGrantedAuthority("ROLE_" + user.role().name());
                        var authentication = new UsernamePasswordAuthenticationToken(user, null, List.of(authority));
                        SecurityContextHolder.getContext().setAuthentication(authentication);
                    }
                } catch (JwtService.InvalidToken e) {
                    request.setAttribute(REJECTION, "The access token is invalid or expired.");
                }
            }
        }
        chain.doFilter(request, response);
    }
}
