package dev.payspec.examples.modular;

import dev.payspec.ValidationException;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.okhttp.OkHttpEngine;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.Customer;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;

/** Stancer and beGateway calls (beGateway's over OkHttp too), a refusal before sending and an error answer, all from a named module. */
public final class ModulePathFlows {

  public static void main(String[] args) {
    if (ModulePathFlows.class.getModule().getName() == null) {
      throw new IllegalStateException("not on the module path");
    }
    try (StancerClient stancer = StancerClient.builder().apiKey("stest_A1b2C3d4E5f6G7h8I9j0K1l2")
        .baseUrl(System.getProperty("payspec.stancer.url")).build()) {
      Customer created = stancer.customers().create(new CustomerCreateRequest().email("david@coaster.net"));
      check(stancer.customers().retrieve(created.getId()).getId().equals(created.getId()), "Stancer create and get");
      try {
        stancer.customers().create(new CustomerCreateRequest().name("David Coaster"));
        throw new IllegalStateException("a customer without email or mobile was not refused");
      } catch (ValidationException expected) {
        System.out.println("module path: refused before sending: " + expected.getViolations());
      }
    }
    try (BeGatewayClient beGateway = BeGatewayClient.builder().baseUrl(System.getProperty("payspec.begateway.url"))
        .shopId("361").secretKey("shop-secret").build()) {
      check(beGateway.customers().list().size() == 2, "beGateway list");
    }
    // The same over OkHttp (payspec-transport-okhttp), the user's client given to the engine.
    okhttp3.OkHttpClient okHttp = new okhttp3.OkHttpClient();
    try (BeGatewayClient beGateway = BeGatewayClient.builder().baseUrl(System.getProperty("payspec.begateway.url"))
        .shopId("361").secretKey("shop-secret").httpEngine(OkHttpEngine.create(okHttp)).build()) {
      check(beGateway.customers().list().size() == 2, "beGateway list over OkHttp");
    }
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
    System.out.println("module path: every flow ran in module " + ModulePathFlows.class.getModule().getName());
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("failed: " + what);
    }
  }
}
