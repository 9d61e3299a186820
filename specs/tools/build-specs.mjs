// Lints, bundles and renders every API named in specs/redocly.yaml. The Maven build of the specs
// module runs it in two steps (`bundle`, then `kit` once ApiSpec has written <api>.payspec.json);
// run it by hand with `node specs/tools/build-specs.mjs` from the repository root after a build.
//
// For each API it writes, under specs/target/openapi/:
//   <api>.yaml, <api>.json  the spec bundled into one file (external $refs pulled in)
//   <api>.html              a standalone HTML reference page: no script, nothing loaded from the network
//   <api>.openapi30.yaml, <api>.openapi30.json   the OpenAPI 3.0 edition, validated by swagger-parser
//   <api>-openapi30-losses.md                    what the 3.0 edition cannot state as a rule
//   <api>.postman.json      a Postman collection
//   <api>-changelog.md      the spec's versioned changelog (copied from CHANGELOG.md beside the spec)
// (see partner-kit.mjs).
//
// With `--bundle-to <dir>` it only bundles each API's YAML into <dir> (no lint, no other output): the
// build-tools module's tests run the change gates on these bundles, as they are built before the specs.
//
// Linting fails the build on any problem, warnings included: `redocly lint` exits with 0 on
// warnings, so this script reads its JSON report and decides itself.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lossReport, renderPage, toOpenApi30, toPostman, wrapperInfo } from './partner-kit.mjs';

const specsDir = dirname(dirname(fileURLToPath(import.meta.url)));
const rootDir = dirname(specsDir);
const config = join(specsDir, 'redocly.yaml');
const outDir = join(specsDir, 'target', 'openapi');
const cli = join(rootDir, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');

function redocly(args, { capture = false } = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: specsDir,
    encoding: 'utf8',
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  if (result.error) {
    throw new Error(`could not run Redocly CLI (${cli}): ${result.error.message}; run tools/npm-ci.sh`);
  }
  return result;
}

function apiNames() {
  // The `apis:` block of redocly.yaml: two-space indented keys, each with a `root:`.
  const lines = readFileSync(config, 'utf8').split('\n');
  const start = lines.indexOf('apis:');
  const names = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const match = /^ {2}([\w-]+):\s*$/.exec(line);
    if (match) names.push(match[1]);
  }
  if (names.length === 0) throw new Error(`no APIs under 'apis:' in ${config}`);
  return names;
}

function lint(api) {
  const result = redocly(['lint', api, '--config', config, '--format', 'json'], { capture: true });
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    throw new Error(`Redocly lint of '${api}' printed no JSON report (exit ${result.status}):\n${result.stdout}`);
  }
  for (const problem of report.problems) {
    const where = problem.location?.[0];
    const at = where ? `${where.source.ref}:${where.start?.line ?? '?'} ${where.pointer}` : '(no location)';
    console.error(`  ${problem.severity} [${problem.ruleId}] ${problem.message}\n    at ${at}`);
  }
  const { errors, warnings } = report.totals;
  if (errors + warnings > 0) {
    throw new Error(`spec '${api}' has ${errors} lint error(s) and ${warnings} warning(s); fix them (see above)`);
  }
  console.log(`payspec specs: ${api} lints clean`);
}

function run(api, args, what) {
  const result = redocly(args);
  if (result.status !== 0) throw new Error(`${what} of '${api}' failed (exit ${result.status})`);
}

function apiRoot(api) {
  const lines = readFileSync(config, 'utf8').split('\n');
  const at = lines.findIndex((line) => line === `  ${api}:`);
  const root = lines.slice(at + 1).map((line) => /^ {4}root:\s*(\S+)/.exec(line)).find(Boolean);
  return join(specsDir, root[1]);
}

function bundle(api) {
  lint(api);
  for (const ext of ['yaml', 'json']) {
    const out = join(outDir, `${api}.${ext}`);
    run(api, ['bundle', api, '--config', config, '--output', out, '--ext', ext], 'bundling');
  }
  console.log(`payspec specs: ${api} linted and bundled to ${relative(rootDir, outDir)}/${api}.{yaml,json}`);
}

async function kit(api) {
  const bundle = JSON.parse(readFileSync(join(outDir, `${api}.json`), 'utf8'));

  writeFileSync(join(outDir, `${api}.html`), renderPage(api, bundle, wrapperInfo(outDir, api)));

  const { document, losses } = await toOpenApi30(bundle);
  const json30 = join(outDir, `${api}.openapi30.json`);
  writeFileSync(json30, `${JSON.stringify(document, null, 2)}\n`);
  run(api, ['bundle', json30, '--output', join(outDir, `${api}.openapi30.yaml`), '--ext', 'yaml'], 'writing the 3.0 edition as YAML');
  writeFileSync(join(outDir, `${api}-openapi30-losses.md`), lossReport(api, losses));

  writeFileSync(join(outDir, `${api}.postman.json`), `${JSON.stringify(await toPostman(bundle, `payspec:${api}:${bundle.info.version}`), null, 2)}\n`);

  const changelog = join(dirname(apiRoot(api)), 'CHANGELOG.md');
  if (!existsSync(changelog)) throw new Error(`spec '${api}' has no changelog: write ${relative(rootDir, changelog)}`);
  const version = bundle.info.version;
  if (!new RegExp(`^## ${version.replace(/\./g, '\\.')}\\b`, 'm').test(readFileSync(changelog, 'utf8'))) {
    throw new Error(`${relative(rootDir, changelog)} has no '## ${version}' entry for the spec's version ${version}`);
  }
  copyFileSync(changelog, join(outDir, `${api}-changelog.md`));
  console.log(`payspec specs: ${api} rendered and converted to ${relative(rootDir, outDir)}/${api}.{html,openapi30.yaml,openapi30.json,postman.json} ` +
    `(3.0 edition: ${losses.length} rule(s) kept as text, see ${api}-openapi30-losses.md)`);
}

// `bundle` (lint and bundle) runs first; the build then writes each bundle's metadata (ApiSpec);
// `kit` (pages, 3.0 edition, Postman collection, changelog) reads both. No argument: both steps,
// for a run by hand once the metadata exists. `--bundle-to <dir>`: only the YAML bundles, into
// <dir> (the build-tools module's tests, built before the specs module).
const step = process.argv[2] ?? 'all';
const bundleTo = process.argv.indexOf('--bundle-to');
try {
  if (bundleTo > 0) {
    const dir = resolve(process.argv[bundleTo + 1]);
    mkdirSync(dir, { recursive: true });
    for (const api of apiNames()) {
      run(api, ['bundle', api, '--config', config, '--output', join(dir, `${api}.yaml`), '--ext', 'yaml'], 'bundling');
    }
  } else {
    mkdirSync(outDir, { recursive: true });
    for (const api of apiNames()) {
      if (step === 'bundle' || step === 'all') bundle(api);
      if (step === 'kit' || step === 'all') await kit(api);
    }
  }
} catch (error) {
  console.error(`payspec specs: ${error.message}${error.details ? `\n${JSON.stringify(error.details, null, 2).slice(0, 4000)}` : ""}`);
  process.exit(1);
}
