package dev.platform.infra.security;

import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;

/**
 * Leaves Spring Security's filter chain without the handler look-up cache that Spring Security 6 puts in front of it
 * in every Spring MVC application ({@code WebMvcSecurityConfiguration} wraps {@code springSecurityFilterChain} in a
 * composite whose first filter is {@code HandlerMappingIntrospector}'s cache filter; inside it is Spring Security's
 * own composite, which parses the request's path once and runs the chain, and which stays). That filter looks up, for every
 * request, the handler Spring MVC will choose, so that {@code MvcRequestMatcher}s and a CORS configuration taken from
 * Spring MVC can ask for it; the dispatcher then looks it up again. A route with a path variable is found by trying
 * every mapping of the application, and the extra look-up was 17 % of a {@code GET /posts/{id}} request thread in
 * the benchmark's profile. This application uses neither: its request matchers are path patterns ({@link
 * SecurityConfiguration#pathPatternRequestMatchers}) and its CORS answers are {@link CrossOriginRequests}'. So the
 * chain is registered as it was before the wrapping, once every definition is in place (a {@link
 * BeanFactoryPostProcessor} runs after all the registry post-processors, Spring Security's among them).
 *
 * <p>Written against Spring Security 6.5's definition (a composite whose one constructor argument lists the cache
 * filter's definition and the chain's); anything else is left as found, and {@code SecurityChainTest} fails when the
 * chain is a composite again.
 */
final class SingleHandlerLookup implements BeanFactoryPostProcessor {

    static final String CHAIN = "springSecurityFilterChain";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) {
        if (!(factory instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(CHAIN)) {
            return;
        }
        BeanDefinition composite = registry.getBeanDefinition(CHAIN);
        String type = composite.getBeanClassName();
        if (type == null || !type.endsWith("$CompositeFilterChainProxy")) {
            return;
        }
        ValueHolder argument = composite.getConstructorArgumentValues().getIndexedArgumentValue(0, List.class);
        if (argument == null || !(argument.getValue() instanceof List<?> filters) || filters.size() != 2) {
            return;
        }
        BeanDefinition cache = (BeanDefinition) filters.get(0);
        if (cache.getBeanClassName() == null
                || !cache.getBeanClassName().endsWith("$HandlerMappingIntrospectorCacheFilterFactoryBean")) {
            return;
        }
        registry.removeBeanDefinition(CHAIN);
        registry.registerBeanDefinition(CHAIN, (BeanDefinition) filters.get(1));
    }
}
