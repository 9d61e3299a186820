/** A user's module: payspec's wrapper and its generated models, by their automatic module names. */
module dev.payspec.examples.modular {
  requires dev.payspec;
  requires dev.payspec.models;
  requires dev.payspec.okhttp;
  requires okhttp3;
}
