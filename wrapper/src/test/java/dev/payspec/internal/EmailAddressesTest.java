package dev.payspec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written email scan accepts exactly what the expression Prism's format (ajv-formats, "full") uses accepts. */
class EmailAddressesTest {

  /** ajv-formats' "full" email, as the scan's reference. */
  private static final Pattern AJV_FULL = Pattern.compile(
      "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
          + "@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?",
      Pattern.CASE_INSENSITIVE);

  @Test
  void theScanAgreesWithTheExpressionOnEveryShortStringOfItsAlphabetAndOnRandomLongerOnes() {
    char[] alphabet = {'a', 'Z', '0', '.', '@', '-', '+', ' ', '\u00e9', '"'};
    int checked = 0;
    // Every string of up to 6 characters of the alphabet: each rule's edges (empty atoms and labels,
    // hyphens at a label's ends, one label, two @) come out among them.
    for (int length = 0; length <= 6; length++) {
      int[] digits = new int[length];
      for (long n = 0, total = (long) Math.pow(alphabet.length, length); n < total; n++) {
        long rest = n;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
          digits[i] = (int) (rest % alphabet.length);
          rest /= alphabet.length;
          text.append(alphabet[digits[i]]);
        }
        agree(text.toString());
        checked++;
      }
    }
    Random random = new Random(42);
    for (int n = 0; n < 200_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0, length = 7 + random.nextInt(20); i < length; i++) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      agree(text.toString());
      checked++;
    }
    assertThat(checked).isGreaterThan(1_000_000);
  }

  @Test
  void realisticAddressesAreJudgedAsTheSpecsSay() {
    for (String valid : new String[] {"david@example.net", "a@b.cd", "first.last+tag@mail.example.co.uk", "X_Y@Sub-Domain.ORG"}) {
      assertThat(EmailAddresses.isEmailAddress(valid)).as(valid).isTrue();
      agree(valid);
    }
    for (String invalid : new String[] {"david@coaster", "david.example.net", ".a@b.cd", "a..b@c.de", "a@-b.cd", "a@b-.cd",
        "a@b..cd", "a@b.cd.", "a b@c.de", "a@b@c.de", "", "@b.cd"}) {
      assertThat(EmailAddresses.isEmailAddress(invalid)).as(invalid).isFalse();
      agree(invalid);
    }
  }

  private static void agree(String text) {
    assertThat(EmailAddresses.isEmailAddress(text)).as("scan of \"%s\"", text).isEqualTo(AJV_FULL.matcher(text).matches());
  }
}
