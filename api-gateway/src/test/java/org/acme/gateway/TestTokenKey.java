package org.acme.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.acme.transport.testing.TestTokens;

/**
 * Every gateway test trusts the key its bearer tokens are signed with (TestTokens makes the pair at test time), given
 * before the application starts: a key file that does not exist yet would make the JWT mechanism fail every request.
 */
@QuarkusTestResource(TestTokenKey.class)
public class TestTokenKey implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of("mp.jwt.verify.publickey", TestTokens.publicKeyConfig());
  }

  @Override
  public void stop() {
    // the key pair stays in target/test-jwt for the next test class
  }
}
