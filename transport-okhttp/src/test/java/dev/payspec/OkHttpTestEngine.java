package dev.payspec;

import dev.payspec.http.HttpEngine;
import dev.payspec.okhttp.OkHttpEngine;
import java.util.function.Supplier;

/** The engine the wrapper's tests run over in this module (payspec.test.engine): a fresh OkHttp engine of its own. */
public final class OkHttpTestEngine implements Supplier<HttpEngine> {

  @Override
  public HttpEngine get() {
    return OkHttpEngine.create();
  }
}
