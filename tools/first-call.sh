#!/usr/bin/env bash
# Time to a first call: copies every program of README.md (each ```java block that has a `main`) into
# a fresh user project that takes payspec through its BOM (payspec-wrapper, and payspec-testkit for
# the fakes the programs call), compiles them as written and runs each: it must exit 0 and print its
# line. Needs the suite installed (./mvnw install). MAVEN_REPO_LOCAL names another local repository.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -1)
# The plugins at the versions payspec pins (the root pom's properties).
compiler=$(sed -n 's:.*<compiler-plugin.version>\(.*\)</compiler-plugin.version>.*:\1:p' "$root/pom.xml")
dependency=$(sed -n 's:.*<dependency-plugin.version>\(.*\)</dependency-plugin.version>.*:\1:p' "$root/pom.xml")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo=()
if [[ -n ${MAVEN_REPO_LOCAL:-} ]]; then repo=(-Dmaven.repo.local="$MAVEN_REPO_LOCAL"); fi

mkdir -p "$work/src/main/java"
# The README's programs, one file each, named after their public class.
node -e '
  const fs = require("fs");
  const [readme, dir] = process.argv.slice(1);
  const blocks = [...fs.readFileSync(readme, "utf8").matchAll(/```java\n([\s\S]*?)```/g)].map((m) => m[1]);
  const programs = blocks.filter((b) => /public static void main\(/.test(b));
  if (programs.length === 0) { console.error("first-call: README.md holds no program (a java block with a main)"); process.exit(1); }
  for (const program of programs) {
    const name = /public class (\w+)/.exec(program)?.[1];
    if (!name) { console.error("first-call: a README program declares no public class:\n" + program); process.exit(1); }
    fs.writeFileSync(`${dir}/${name}.java`, program);
    console.log(name);
  }
' "$root/README.md" "$work/src/main/java" > "$work/programs.txt"

cat > "$work/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>first-call</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>dev.payspec</groupId>
        <artifactId>payspec-bom</artifactId>
        <version>$version</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>dev.payspec</groupId>
      <artifactId>payspec-wrapper</artifactId>
    </dependency>
    <!-- As the README adds it for tests; here the programs themselves start the fakes. -->
    <dependency>
      <groupId>dev.payspec</groupId>
      <artifactId>payspec-testkit</artifactId>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>$compiler</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>$dependency</version>
      </plugin>
    </plugins>
  </build>
</project>
POM

cd "$work"
if ! "$root/mvnw" -q -B "${repo[@]}" compile dependency:build-classpath -Dmdep.outputFile=classpath.txt > build.log 2>&1; then
  cat build.log >&2
  echo "first-call: the README's programs do not compile as written (log above)" >&2
  exit 1
fi
while read -r program; do
  if ! output=$(timeout 120 java -cp "target/classes:$(cat classpath.txt)" "$program" 2>&1); then
    echo "$output" >&2
    echo "first-call: $program failed" >&2
    exit 1
  fi
  line=$(echo "$output" | grep -E '^(Stancer|Stancer v2|bePaid): ' | head -1 || true)
  if [[ -z $line ]]; then
    echo "$output" >&2
    echo "first-call: $program printed no result line" >&2
    exit 1
  fi
  echo "first-call: $program: $line"
done < programs.txt
echo "first-call: $(wc -l < programs.txt) README programs compiled and ran as written, through the BOM"
