// Lints, bundles and renders every API named in specs/redocly.yaml. The Maven build of the specs
// module runs it; run it by hand with `node specs/tools/build-specs.mjs` from the repository root.
//
// For each API it writes, under specs/target/openapi/:
//   <api>.yaml, <api>.json  the spec bundled into one file (external $refs pulled in)
//   <api>.html              a standalone HTML reference page (no script loaded from the network)
//
// Linting fails the build on any problem, warnings included: `redocly lint` exits with 0 on
// warnings, so this script reads its JSON report and decides itself.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

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

function build(api) {
  lint(api);
  for (const ext of ['yaml', 'json']) {
    const out = join(outDir, `${api}.${ext}`);
    run(api, ['bundle', api, '--config', config, '--output', out, '--ext', ext], 'bundling');
  }
  const page = join(outDir, `${api}.html`);
  run(api, ['build-docs', join(outDir, `${api}.yaml`), '--config', config, '--output', page, '--inlineBundle'], 'rendering');
  console.log(`payspec specs: ${api} bundled and rendered to ${relative(rootDir, outDir)}/${api}.{yaml,json,html}`);
}

try {
  mkdirSync(outDir, { recursive: true });
  for (const api of apiNames()) build(api);
} catch (error) {
  console.error(`payspec specs: ${error.message}`);
  process.exit(1);
}
