package dev.payspec.examples.boot;

import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.stancer.StancerClient;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A checkout service in miniature: both clients are made by payspec's starter from the properties
 * (application.properties and the command line), and the runner creates one customer with each.
 */
@SpringBootApplication
public class CheckoutApplication {

  public static void main(String[] args) {
    System.exit(SpringApplication.exit(SpringApplication.run(CheckoutApplication.class, args)));
  }

  @Bean
  CommandLineRunner createCustomers(StancerClient stancer, BeGatewayClient beGateway) {
    return args -> {
      var stancerCustomer = stancer.customers().create(
          new dev.payspec.stancer.generated.model.CustomerCreateRequest().email("david@example.net"));
      var beGatewayCustomer = beGateway.customers().create(
          new dev.payspec.begateway.generated.model.CustomerCreateRequest().email("customer@example.com").ip("127.0.0.1"));
      System.out.println("payspec boot app: Stancer customer " + stancerCustomer.getId()
          + ", beGateway customer " + beGatewayCustomer.getId());
    };
  }
}
