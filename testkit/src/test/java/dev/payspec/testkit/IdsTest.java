package dev.payspec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ids the fakes make are unique across fakes (and so across runs), and keep each spec's pattern. */
class IdsTest {

  @Test
  void twoFakesOfOneApiNeverHandOutTheSameIds() throws Exception {
    for (String api : EveryOperationIsServedTest.apis()) {
      SpecDocument spec = SpecDocument.load(api);
      Set<String> ids = new HashSet<>();
      for (int fakes = 0; fakes < 3; fakes++) {
        try (FakeApi fake = FakeApi.start(api)) {
          // Each fake starts afresh, as each run does: its first id is the one a fixed seed would repeat.
          String id = EveryOperationIsServedTest.createOne(fake, spec);
          assertThat(id).as("%s id", api).matches(FakeApiTest.idPattern(api));
          assertThat(ids.add(id)).as("%s id %s handed out by two fakes", api, id).isTrue();
        }
      }
    }
  }

  @Test
  void generatorsOfOnePatternStartApartAndNeverRepeat() {
    String pattern = "^cust_[0-9]{3}$"; // 1000 values: a repeat would show
    IdGenerator first = new IdGenerator(pattern, true);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      assertThat(seen.add(first.next())).as("a repeat after %d ids", i).isTrue();
    }
    String wide = "^cust_[a-zA-Z0-9]{24}$";
    assertThat(new IdGenerator(wide, true).next()).matches(wide).isNotEqualTo(new IdGenerator(wide, true).next());
  }
}
