package dev.payspec.benchmarks;

import java.lang.management.*;
import java.util.function.Supplier;

/**
 * The calling thread's CPU time per call, raw and wrapper alternating in blocks of 250 calls after a
 * warm-up, with the wall time too: the CPU time holds on a machine loaded by other work, where
 * JMH's timings do not. Usage: {@code java -cp benchmarks.jar dev.payspec.benchmarks.CallCpu}.
 */
public final class CallCpu {

  private CallCpu() {}

  private static final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  public static void main(String[] a) throws Exception {
    ClientCallBenchmark b = new ClientCallBenchmark();
    b.start();
    ClientCallBenchmark.Failures f = new ClientCallBenchmark.Failures();
    String[] names = {"stancerCreate", "stancerRetrieve", "beGatewayCreate", "beGatewayList"};
    Supplier<?>[][] calls = {
      {() -> b.raw_stancerCreate(f), () -> b.wrapper_stancerCreate(f)},
      {() -> b.raw_stancerRetrieve(f), () -> b.wrapper_stancerRetrieve(f)},
      {() -> b.raw_beGatewayCreate(f), () -> b.wrapper_beGatewayCreate(f)},
      {() -> b.raw_beGatewayList(f), () -> b.wrapper_beGatewayList(f)}};
    for (int w = 0; w < 15000; w++) for (Supplier<?>[] c : calls) { c[0].get(); c[1].get(); }
    for (int n = 0; n < names.length; n++) {
      long[] cpu = new long[2]; long[] wall = new long[2];
      for (int block = 0; block < 40; block++) {
        for (int k = 0; k < 2; k++) {
          long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
          for (int i = 0; i < 250; i++) calls[n][k].get();
          cpu[k] += mx.getCurrentThreadCpuTime() - c0; wall[k] += System.nanoTime() - w0;
        }
      }
      double calls10k = 10000.0;
      System.out.printf("%s: calling-thread CPU µs/call raw %.1f wrapper %.1f (+%.1f); wall µs/call raw %.1f wrapper %.1f (%.2fx)%n", names[n],
          cpu[0] / calls10k / 1000, cpu[1] / calls10k / 1000, (cpu[1] - cpu[0]) / calls10k / 1000,
          wall[0] / calls10k / 1000, wall[1] / calls10k / 1000, (double) wall[1] / wall[0]);
    }
    b.stop();
  }
}
