/** A user's module: payspec's wrapper and its generated models, by their automatic module names. */
module dev.payspec.examples.modular {
  requires dev.payspec;
  requires dev.payspec.models;
  // The JDK's HttpClient, which the wrapper (an automatic module, which cannot say so) sends with by default.
  requires java.net.http;
  requires dev.payspec.okhttp;
  requires okhttp3;
}
