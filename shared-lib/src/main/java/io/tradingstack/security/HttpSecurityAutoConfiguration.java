package io.tradingstack.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service's HTTP port: reads open, writes for operators. A GET or HEAD (the REST reads,
 * Actuator's health, info, metrics and prometheus — the only endpoints exposed) needs nothing;
 * every other method needs an operator's HTTP basic credentials ({@link OperatorProperties}),
 * checked in constant time, or gets 401 with a problem detail, counted. Credentials that are
 * presented are checked on reads too (wrong ones are 401), and an authenticated caller sees
 * health details ({@code management.endpoint.health.show-details: when-authorized}).
 *
 * <p>Stateless: no session, no cookie, so no CSRF token either (CSRF rides on a cookie the
 * browser sends by itself; basic credentials are sent only when the caller gives them).
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
    ManagementWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableConfigurationProperties(OperatorProperties.class)
public class HttpSecurityAutoConfiguration {

    @Bean
    OperatorAuthentication operatorAuthentication(OperatorProperties properties) {
        return new OperatorAuthentication(properties);
    }

    @Bean
    SecurityFilterChain tradingSecurityFilterChain(HttpSecurity http, MeterRegistry registry) throws Exception {
        UnauthorizedProblem unauthorized = new UnauthorizedProblem(registry);
        return http
            .authorizeHttpRequests(requests -> requests
                .requestMatchers(HttpMethod.GET).permitAll()
                .requestMatchers(HttpMethod.HEAD).permitAll()
                .anyRequest().authenticated())
            .httpBasic(basic -> basic.realmName(UnauthorizedProblem.REALM).authenticationEntryPoint(unauthorized))
            .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized))
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .build();
    }
}
