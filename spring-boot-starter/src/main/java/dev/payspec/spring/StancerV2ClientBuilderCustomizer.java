package dev.payspec.spring;

import dev.payspec.stancer.v2.StancerV2Client;

/** Changes the Stancer v2 client's builder after the properties are applied, before {@code build()}. */
@FunctionalInterface
public interface StancerV2ClientBuilderCustomizer {

  void customize(StancerV2Client.Builder builder);
}
