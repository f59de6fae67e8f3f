package io.mdpop3j.auth.pam;

import io.mdpop3j.core.testing.ModuleServices;
import org.junit.jupiter.api.Test;

class ModuleInfoTest {
  @Test
  void moduleProvidesExactlyTheProvidersAutoServiceRegistered() throws Exception {
    ModuleServices.assertProvidesMatchServiceFiles(PamAuthenticatorProvider.class);
  }
}
