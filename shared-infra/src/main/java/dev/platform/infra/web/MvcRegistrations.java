package dev.platform.infra.web;

import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Puts {@link PatternFirstHandlerMapping} and {@link LeanHandlerAdapter} in the place of Spring MVC's own. One bean
 * for both: Spring Boot takes a {@link WebMvcRegistrations} only when there is exactly one.
 */
@Configuration
class MvcRegistrations {

    @Bean
    WebMvcRegistrations leanMvc() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PatternFirstHandlerMapping();
            }

            @Override
            public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
                return new LeanHandlerAdapter();
            }
        };
    }
}
