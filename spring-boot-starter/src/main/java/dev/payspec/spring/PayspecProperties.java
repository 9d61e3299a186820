package dev.payspec.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code payspec.*} properties: one block per client. A client is made only when its credentials
 * are set ({@code payspec.stancer.api-key}; {@code payspec.stancer-v2.api-key};
 * {@code payspec.begateway.shop-id}). Options
 * left unset keep the builders' defaults. {@link #toString()} never shows a secret.
 */
@ConfigurationProperties(prefix = "payspec")
public class PayspecProperties {

  private final Stancer stancer = new Stancer();
  private final StancerV2 stancerV2 = new StancerV2();
  private final BeGateway begateway = new BeGateway();

  public Stancer getStancer() {
    return stancer;
  }

  /** {@code payspec.stancer-v2.*}. */
  public StancerV2 getStancerV2() {
    return stancerV2;
  }

  public BeGateway getBegateway() {
    return begateway;
  }

  @Override
  public String toString() {
    return "PayspecProperties[stancer=" + stancer + ", stancer-v2=" + stancerV2 + ", begateway=" + begateway + "]";
  }

  /** Options every client shares; unset ones keep the builder's default. */
  public abstract static class Client {

    /** The API's URL, such as a test server's; HTTPS unless the host is loopback. Default: the provider's. */
    private String baseUrl;
    /** How long to wait for a connection to open (builder default: 10 s). */
    private Duration connectTimeout;
    /** How long to wait for an answer (builder default: 30 s). */
    private Duration readTimeout;
    /** The bound of a whole call, retries and the delays between them included (builder default: none; 1 ms to 10 minutes). */
    private Duration callTimeout;
    /** Retries of an idempotent call after a connection failure, a 429 or a 5xx (builder default: 2; 0 to 10). */
    private Integer maxRetries;
    /** Text appended to the User-Agent header, such as {@code my-shop/2.1}. */
    private String userAgentSuffix;

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
      return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
    }

    public Duration getCallTimeout() {
      return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
    }

    public Integer getMaxRetries() {
      return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
      this.maxRetries = maxRetries;
    }

    public String getUserAgentSuffix() {
      return userAgentSuffix;
    }

    public void setUserAgentSuffix(String userAgentSuffix) {
      this.userAgentSuffix = userAgentSuffix;
    }

    String options() {
      return "baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
          + ", callTimeout=" + callTimeout + ", maxRetries=" + maxRetries;
    }
  }

  /** {@code payspec.stancer.*}: the Stancer client. */
  public static class Stancer extends Client {

    /** The account's secret key, {@code stest_...} (test mode) or {@code sprod_...} (live mode). */
    private String apiKey;

    public String getApiKey() {
      return apiKey;
    }

    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    @Override
    public String toString() {
      return getClass().getSimpleName() + "[apiKey=" + (apiKey == null ? "unset" : "(redacted)") + ", " + options() + "]";
    }
  }

  /**
   * {@code payspec.stancer-v2.*}: the client of Stancer's API version 2, with the same secret key as
   * version 1 ({@code stest_...} or {@code sprod_...}) and the same options.
   */
  public static class StancerV2 extends Stancer {
  }

  /** {@code payspec.begateway.*}: the beGateway client (bePaid, eComCharge or another brand). */
  public static class BeGateway extends Client {

    /** The shop's id. */
    private String shopId;
    /** The shop's secret key. */
    private String secretKey;
    /** The brand whose API to call when {@code base-url} is not set. */
    private Brand brand = Brand.BEPAID;

    public String getShopId() {
      return shopId;
    }

    public void setShopId(String shopId) {
      this.shopId = shopId;
    }

    public String getSecretKey() {
      return secretKey;
    }

    public void setSecretKey(String secretKey) {
      this.secretKey = secretKey;
    }

    public Brand getBrand() {
      return brand;
    }

    public void setBrand(Brand brand) {
      this.brand = brand;
    }

    @Override
    public String toString() {
      return "BeGateway[shopId=" + shopId + ", secretKey=" + (secretKey == null ? "unset" : "(redacted)")
          + ", brand=" + brand + ", " + options() + "]";
    }
  }

  /** The beGateway brands whose API host payspec knows. */
  public enum Brand {
    /** {@code https://api.bepaid.by} */
    BEPAID,
    /** {@code https://api.ecomcharge.com} */
    ECOMCHARGE
  }
}
