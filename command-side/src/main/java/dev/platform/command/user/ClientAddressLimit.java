package dev.platform.command.user;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.platform.infra.web.RateLimited;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A budget of register and login requests per client address ({@code platform.client-limit.*}), off by
 * default: one address may be a whole office behind NAT. Over budget, a request gets 429 {@code RATE_LIMITED}
 * with {@code Retry-After} before its body is read. The address is the request's remote address, which is the
 * proxy's own unless the server is told to trust forwarded headers ({@code server.forward-headers-strategy};
 * see the README). IPv6 clients are counted per /64, the block one subscriber usually holds. The budgets live
 * in each node's memory: with several nodes behind a balancer an address may get up to one budget per node.
 */
// Its properties are bound here, not in a configuration class: web slices load this interceptor on its own.
@Component
@EnableConfigurationProperties(ClientLimitProperties.class)
class ClientAddressLimit implements WebMvcConfigurer, HandlerInterceptor {

    private final boolean enabled;
    private final AddressBudgets budgets;

    ClientAddressLimit(ClientLimitProperties limit) {
        this.enabled = limit.enabled();
        this.budgets = enabled
                ? new AddressBudgets(limit.requestsPerMinute(), limit.maxAddresses(), Ticker.systemTicker())
                : null;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (enabled) {
            registry.addInterceptor(this).addPathPatterns("/api/v1/users/register", "/api/v1/users/login");
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        OptionalLong wait = budgets.spend(clientKey(request.getRemoteAddr()));
        if (wait.isPresent()) {
            long seconds = wait.getAsLong();
            throw new RateLimited(
                    "Too many sign-ups and logins from this address; retry after " + seconds + " s.", seconds);
        }
        return true;
    }

    /** The address itself for IPv4, its /64 prefix for IPv6. */
    static String clientKey(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
            return String.valueOf(remoteAddress);
        }
        try {
            // A literal address: no name lookup happens.
            byte[] bytes = InetAddress.getByName(remoteAddress).getAddress();
            if (bytes.length == 16) {
                return HexFormat.of().formatHex(Arrays.copyOf(bytes, 8)) + "::/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException notALiteral) {
            return remoteAddress;
        }
    }
}
