package dev.payspec.spring;

import dev.payspec.stancer.StancerClient;

/** Changes the Stancer client's builder after the properties are applied, before {@code build()}. */
@FunctionalInterface
public interface StancerClientBuilderCustomizer {

  void customize(StancerClient.Builder builder);
}
