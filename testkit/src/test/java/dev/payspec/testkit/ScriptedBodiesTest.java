package dev.payspec.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payspec.ServerException;
import dev.payspec.stancer.StancerClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A scripted body, JSON or not, is served as given, with its status and a content type. */
class ScriptedBodiesTest {

  private static final String PROXY_PAGE = "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>";
  private static final FakeApi fake = FakeApi.start("stancer");

  private final StancerClient stancer = StancerClient.builder().apiKey("stest_abcdefghijklmnopqrstuvwx")
      .baseUrl(fake.baseUrl()).maxRetries(0).build();

  @BeforeEach
  void emptyTheFake() {
    fake.reset();
  }

  @AfterAll
  static void stopTheFake() {
    fake.close();
  }

  @Test
  void aScriptedHtmlProxyPageReachesTheClientWithItsStatus() {
    fake.nextCall("getCustomer").respond(502, PROXY_PAGE);

    assertThatThrownBy(() -> stancer.customers().retrieve("cust_9Cle7TXKkjhwqcWx4Kl5cQYk"))
        .isInstanceOfSatisfying(ServerException.class, e -> {
          assertThat(e.getHttpStatus()).isEqualTo(502);
          assertThat(e.getRawBody()).isEqualTo(PROXY_PAGE);
        });
  }

  @Test
  void aBodyThatIsNotJsonIsServedAsHtmlOrPlainText() throws Exception {
    fake.nextCall("getCustomer").respond(502, PROXY_PAGE);
    fake.nextCall("getCustomer").respond(503, "Service Unavailable");

    HttpResponse<String> page = FakeApiTest.send(fake, "GET", "/customers/cust_9Cle7TXKkjhwqcWx4Kl5cQYk", null);
    HttpResponse<String> text = FakeApiTest.send(fake, "GET", "/customers/cust_9Cle7TXKkjhwqcWx4Kl5cQYk", null);

    assertThat(page.statusCode()).isEqualTo(502);
    assertThat(page.body()).isEqualTo(PROXY_PAGE);
    assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    assertThat(text.statusCode()).isEqualTo(503);
    assertThat(text.body()).isEqualTo("Service Unavailable");
    assertThat(text.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
  }

  @Test
  void aJsonBodyIsServedAsWrittenAsJson() throws Exception {
    String body = "{\"error\": {\"message\": \"as written\", \"type\": \"api_error\"}}";
    fake.nextCall("getCustomer").respond(500, body);

    HttpResponse<String> answer = FakeApiTest.send(fake, "GET", "/customers/cust_9Cle7TXKkjhwqcWx4Kl5cQYk", null);

    assertThat(answer.statusCode()).isEqualTo(500);
    assertThat(answer.body()).isEqualTo(body);
    assertThat(answer.headers().firstValue("Content-Type")).contains("application/json");
  }

  @Test
  void aBodyIsServedWithTheContentTypeTheTestGives() throws Exception {
    fake.nextCall("getCustomer").respond(200, "<customer/>", "application/xml");

    HttpResponse<String> answer = FakeApiTest.send(fake, "GET", "/customers/cust_9Cle7TXKkjhwqcWx4Kl5cQYk", null);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("<customer/>");
    assertThat(answer.headers().firstValue("Content-Type")).contains("application/xml");
  }

  @Test
  void aBodyOnAStatusThatHasNoneAndABlankContentTypeAreRefusedWhenScripted() {
    assertThatThrownBy(() -> fake.nextCall("deleteCustomer").respond(204, "{}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("204").hasMessageContaining("respond(204)");
    assertThatThrownBy(() -> fake.nextCall("getCustomer").respond(200, "x", " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("content type");
    assertThat(fake.requests()).isEmpty();
  }
}
