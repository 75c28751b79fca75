package com.example;

import io.processflow.api.Dag;
import io.processflow.api.From;
import io.processflow.api.Task;
import java.time.Instant;

/** Run through its generated main; the CLI journals the record with Jackson. */
@Dag(id = "ping")
public class PingDag {
  public record Ping(String host, Instant at) {}

  @Task
  Ping ping() {
    return new Ping("localhost", Instant.parse("2024-01-31T00:00:00Z"));
  }

  @Task
  String pong(@From("ping") Ping ping) {
    return "pong from " + ping.host();
  }
}
