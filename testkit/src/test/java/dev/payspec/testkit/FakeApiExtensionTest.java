package dev.payspec.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.payspec.ServerException;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.begateway.generated.model.CustomerCreateRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The extension as a user registers it: one fake for the class, emptied before each test, and
 * scripted answers that belong to the test that set them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeApiExtensionTest {

  @RegisterExtension
  static FakeApiExtension beGateway = FakeApiExtension.of("begateway");

  private static BeGatewayClient client() {
    return BeGatewayClient.builder().baseUrl(beGateway.baseUrl()).shopId("361").secretKey("secret").maxRetries(0).build();
  }

  private static CustomerCreateRequest aCustomer() {
    return new CustomerCreateRequest().email("customer@example.com").ip("127.0.0.1");
  }

  @Test
  @Order(1)
  void aTestCreatesACustomer() {
    client().customers().create(aCustomer());
    assertThat(beGateway.fake().customers()).hasSize(1);
    assertThat(beGateway.fake().requests("createCustomer")).hasSize(1);
  }

  @Test
  @Order(2)
  void theNextTestStartsWithNoCustomerAndNoRequest() {
    assertThat(client().customers().list()).isEmpty();
    assertThat(beGateway.fake().requests()).hasSize(1);
  }

  @Test
  @Order(3)
  void aTestScriptsFiveFailuresAndUsesOne() {
    beGateway.fake().nextCall("createCustomer").times(5).respond(503);
    assertThatThrownBy(() -> client().customers().create(aCustomer())).isInstanceOf(ServerException.class);
  }

  @Test
  @Order(4)
  void theFourFailuresLeftByTheLastTestDoNotFireInThisOne() {
    assertThat(client().customers().create(aCustomer()).getId()).isNotNull();
  }

  @TestFactory
  @Order(5)
  Stream<DynamicTest> scriptedAnswersLeftByOneDynamicTestDoNotFireInTheNext() {
    return Stream.of(
        dynamicTest("scripts five failures and uses one", () -> {
          beGateway.fake().nextCall("createCustomer").times(5).respond(503);
          assertThatThrownBy(() -> client().customers().create(aCustomer())).isInstanceOf(ServerException.class);
        }),
        dynamicTest("the next one is answered normally, by an empty fake", () -> {
          assertThat(beGateway.fake().requests()).isEmpty();
          assertThat(client().customers().create(aCustomer()).getId()).isNotNull();
        }));
  }

  @Test
  @Order(6)
  void anAnswerScriptedOutsideAnyTestIsReportedNotSilentlyDropped() {
    List<Throwable> failures = run(ScriptsInBeforeAll.class);

    assertThat(failures).hasSize(1);
    assertThat(failures.get(0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("createCustomer").hasMessageContaining("outside a test").hasMessageContaining("@BeforeEach");
  }

  /** A user's class that scripts in {@code @BeforeAll}, where no answer can belong to a test. */
  static class ScriptsInBeforeAll {

    @RegisterExtension
    static FakeApiExtension fake = FakeApiExtension.of("begateway");

    @BeforeAll
    static void anOutage() {
      fake.fake().nextCall("createCustomer").times(3).respond(503);
    }

    @Test
    void signUpReportsTheOutage() {
      BeGatewayClient client = BeGatewayClient.builder().baseUrl(fake.baseUrl()).shopId("361").secretKey("secret")
          .maxRetries(0).build();
      assertThatThrownBy(() -> client.customers().create(aCustomer())).isInstanceOf(ServerException.class);
    }
  }

  /** Runs a test class on the JUnit platform; the failures of its tests. */
  private static List<Throwable> run(Class<?> testClass) {
    List<Throwable> failures = new ArrayList<>();
    List<String> tests = new ArrayList<>();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest()) {
              tests.add(test.getDisplayName());
              result.getThrowable().ifPresent(failures::add);
            }
          }
        });
    assertThat(tests).as("tests run in %s", testClass.getSimpleName()).isNotEmpty();
    return failures;
  }
}
