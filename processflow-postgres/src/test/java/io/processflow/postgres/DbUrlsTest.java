package io.processflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DbUrlsTest {
  @Test
  void passwordsInTheQueryOrTheAuthorityAreMasked() {
    assertThat(DbUrls.redact("jdbc:postgresql://db:5432/pf?user=pf&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/pf?user=pf&password=***&ssl=true");
    assertThat(DbUrls.redact("jdbc:postgresql://db/pf?PASSWORD=s3cret"))
        .isEqualTo("jdbc:postgresql://db/pf?PASSWORD=***".replace("PASSWORD", "password"));
    assertThat(DbUrls.redact("jdbc:postgresql://pf:s3cret@db/pf"))
        .isEqualTo("jdbc:postgresql://pf:***@db/pf");
    assertThat(DbUrls.redact("jdbc:postgresql://db/pf?user=pf"))
        .isEqualTo("jdbc:postgresql://db/pf?user=pf");
  }

  @Test
  void thePasswordIsTakenOutOfTheUrlForThePool() {
    String url = "jdbc:postgresql://db/pf?password=s3cret&user=pf";
    assertThat(DbUrls.password(url)).isEqualTo("s3cret");
    assertThat(DbUrls.withoutPassword(url)).isEqualTo("jdbc:postgresql://db/pf?user=pf");
    assertThat(DbUrls.withoutPassword("jdbc:postgresql://db/pf?user=pf&password=x"))
        .isEqualTo("jdbc:postgresql://db/pf?user=pf");
    assertThat(DbUrls.password("jdbc:postgresql://db/pf?user=pf")).isNull();
  }

  @Test
  void aMessageQuotingTheUrlLosesThePassword() {
    String url = "jdbc:postgresql://db/pf?user=pf&password=s3cret";
    assertThat(DbUrls.redact("cannot connect to " + url + " with s3cret", url))
        .isEqualTo("cannot connect to jdbc:postgresql://db/pf?user=pf&password=*** with ***");
  }
}
