package dev.payspec.spring;

import dev.payspec.begateway.BeGatewayClient;

/** Changes the beGateway client's builder after the properties are applied, before {@code build()}. */
@FunctionalInterface
public interface BeGatewayClientBuilderCustomizer {

  void customize(BeGatewayClient.Builder builder);
}
