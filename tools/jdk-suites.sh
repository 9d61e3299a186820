#!/usr/bin/env bash
# The JDKs users run: the wrapper's fault, deadline, attempt and life-cycle suites again on the newest
# JDK the machine carries (Java 17 runs them in the build; this adds the newest LTS found under
# /usr/lib/jvm, such as Temurin 25), so that JDK-specific behaviour is shown, not assumed: the JDK
# client's lost answer (JDK-8338569, fixed in 24), close() ending the selector thread (21 and later),
# the JDK's own resend of a GET. Compiled for Java 17 as always; only the tests' JVM changes.
# Needs the suite installed (./mvnw install -DskipTests). JDK_NEWEST=<java home> names another JDK.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

newest="${JDK_NEWEST:-}"
if [ -z "$newest" ]; then
  # The highest feature version among the JDKs installed, above 17.
  best=0
  for home in /usr/lib/jvm/*/; do
    home=${home%/}
    [ -x "$home/bin/java" ] || continue
    feature=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
    if [ -n "$feature" ] && [ "$feature" -gt 17 ] && [ "$feature" -gt "$best" ]; then
      best=$feature
      newest=$home
    fi
  done
fi
if [ -z "$newest" ] || [ ! -x "$newest/bin/java" ]; then
  echo "jdk-suites: no JDK newer than 17 under /usr/lib/jvm (install one, such as Temurin 25, or set JDK_NEWEST=<java home>):" >&2
  echo "jdk-suites: the fault, deadline and attempt suites were run on Java 17 only" >&2
  exit 1
fi
version=$("$newest/bin/java" -version 2>&1 | head -1)
echo "jdk-suites: the wrapper's fault, deadline, attempt and life-cycle suites on $version ($newest)"

suites='FaultsAndRetriesTest,DeadlineAndAttemptsTest,TimeoutsAsUsersReadThemTest,NetworkFailuresSayWhereTest,UnknownOutcomeTest,LifecycleTest,AsyncRawAndListenerTest,UserHttpClientTest'
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! ./mvnw -B test -pl wrapper -Djvm="$newest/bin/java" -Dtest="$suites" -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1; then
  tail -80 "$log" >&2
  echo "jdk-suites: FAILED on $version (log above)" >&2
  exit 1
fi
# The JVM that ran them, as the tests' wire log saw it (the User-Agent names Java's feature
# version): proof that the suites did not run on Java 17 again.
feature=$("$newest/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
if ! grep -q "; Java $feature; " "$log"; then
  echo "jdk-suites: the log shows no request sent from Java $feature: did the tests run on it?" >&2
  exit 1
fi
grep -E "Tests run: [0-9]+, Failures: 0, Errors: 0, Skipped: [0-9]+$" "$log" | tail -1 | sed "s/^/jdk-suites: Java $feature: /"
echo "jdk-suites: passed on $version"
