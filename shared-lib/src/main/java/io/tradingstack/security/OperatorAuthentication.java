package io.tradingstack.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks an operator's HTTP basic credentials in constant time: the SHA-256 digests of the
 * presented and the configured password are compared with {@link MessageDigest#isEqual}, so
 * neither the password's content nor its length shows in the time an answer takes, and an
 * unknown name costs the same comparison as a known one. (Spring Security's plain-text
 * {@code {noop}} encoder compares with {@code String.equals}, which stops at the first
 * difference.)
 */
final class OperatorAuthentication implements AuthenticationProvider {

    static final String OPERATOR_ROLE = "ROLE_OPERATOR";

    private final Map<String, byte[]> digests = new HashMap<>();
    private final byte[] nobody;

    OperatorAuthentication(OperatorProperties properties) {
        properties.operators().forEach((name, password) -> digests.put(name, sha256(password)));
        this.nobody = sha256("no operator has this name; compared anyway, so that a wrong name takes as long");
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String name = authentication.getName();
        Object credentials = authentication.getCredentials();
        byte[] presented = sha256(credentials == null ? "" : credentials.toString());
        byte[] expected = digests.getOrDefault(name, nobody);
        boolean matches = MessageDigest.isEqual(presented, expected) & digests.containsKey(name);
        if (!matches) {
            throw new BadCredentialsException("wrong operator name or password");
        }
        return UsernamePasswordAuthenticationToken.authenticated(name, null,
            List.of(new SimpleGrantedAuthority(OPERATOR_ROLE)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
