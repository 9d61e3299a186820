// The maintainer's steps for a new API, made by a program so that CI can repeat them in a copy of
// the sources: the spec (tools/maintainer-path/new-api/openapi.yaml, with its CHANGELOG.md) goes
// beside the others and into redocly.yaml's `apis:`; one generator execution is added to the root
// pom (models and the Feign client share it); the short hand-written client goes into the wrapper.
// Nothing else: the wrapper's service is generated from the spec.
// Usage: node add-api.mjs <root of the copy>
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2];
const from = join(dirname(fileURLToPath(import.meta.url)), 'new-api');
const api = 'examplepay';

const specDir = join(root, 'specs', 'src', 'main', 'openapi', api);
mkdirSync(specDir, { recursive: true });
copyFileSync(join(from, 'openapi.yaml'), join(specDir, 'openapi.yaml'));
copyFileSync(join(from, 'CHANGELOG.md'), join(specDir, 'CHANGELOG.md'));

const redocly = join(root, 'specs', 'redocly.yaml');
const config = readFileSync(redocly, 'utf8');
if (!config.includes('\napis:\n')) throw new Error('redocly.yaml has no apis: section');
writeFileSync(redocly, config.replace('\napis:\n', `\napis:\n  ${api}:\n    root: src/main/openapi/${api}/openapi.yaml\n`));

const pomFile = join(root, 'pom.xml');
const pom = readFileSync(pomFile, 'utf8');
const last = pom.indexOf('</executions>', pom.indexOf('<id>begateway</id>'));
if (last < 0) throw new Error('no generator execution for begateway in the root pom');
const execution = `  <execution>
              <id>${api}</id>
              <goals>
                <goal>generate</goal>
              </goals>
              <configuration>
                <inputSpec>\${payspec.bundles}/${api}.yaml</inputSpec>
                <output>\${project.build.directory}/generated-sources/${api}</output>
                <invokerPackage>dev.payspec.${api}.generated</invokerPackage>
                <apiPackage>dev.payspec.${api}.generated.api</apiPackage>
                <modelPackage>dev.payspec.${api}.generated.model</modelPackage>
              </configuration>
            </execution>
          `;
writeFileSync(pomFile, pom.slice(0, last) + execution + pom.slice(last));

const clientDir = join(root, 'wrapper', 'src', 'main', 'java', 'dev', 'payspec', api);
mkdirSync(clientDir, { recursive: true });
copyFileSync(join(from, 'ExamplePayClient.java'), join(clientDir, 'ExamplePayClient.java'));
console.log(`maintainer path: ${api} added (spec, redocly.yaml, one generator execution, ExamplePayClient)`);
