// Lints, bundles and renders every API named in specs/redocly.yaml. The Maven build of the specs
// module runs it; run it by hand with `node specs/tools/build-specs.mjs` from the repository root.
//
// For each API it writes, under specs/target/openapi/:
//   <api>.yaml, <api>.json  the spec bundled into one file (external $refs pulled in)
//   <api>.html              a standalone HTML reference page (no script loaded from the network),
//                           rendered from a copy whose descriptions show each rule's x-provenance
//
// Linting fails the build on any problem, warnings included: `redocly lint` exits with 0 on
// warnings, so this script reads its JSON report and decides itself.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

// Redoc shows no `x-provenance` of a schema or a response, so the HTML page is rendered from a
// copy of the bundle whose descriptions end with the sources of their rules (and the fact each
// realistic example stands for). The published bundles stay as the specs wrote them.
function withSources(node) {
  if (Array.isArray(node)) {
    node.forEach(withSources);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const lines = [];
  const provenance = node['x-provenance'];
  if (provenance && typeof provenance.source === 'string') {
    lines.push(`**Source:** ${provenance.source}: ${provenance.ref}`);
  } else if (provenance) {
    lines.push('**Sources of its rules:**', '');
    for (const [keyword, entry] of Object.entries(provenance)) {
      lines.push(`- \`${keyword}\`: ${entry.source}: ${entry.ref}`);
    }
  }
  const fact = node['x-fact'];
  if (fact) lines.push(`**Realistic answer.** ${fact.source}: ${fact.ref}`);
  if (lines.length > 0) {
    node.description = [node.description?.trimEnd(), lines.join('\n')].filter(Boolean).join('\n\n');
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'value' && key !== 'example') withSources(value);
  }
}

function renderCopy(api) {
  const spec = JSON.parse(readFileSync(join(outDir, `${api}.json`), 'utf8'));
  withSources(spec);
  const dir = join(specsDir, 'target', 'render');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${api}.json`);
  writeFileSync(file, JSON.stringify(spec, null, 2));
  return file;
}

function build(api) {
  lint(api);
  for (const ext of ['yaml', 'json']) {
    const out = join(outDir, `${api}.${ext}`);
    run(api, ['bundle', api, '--config', config, '--output', out, '--ext', ext], 'bundling');
  }
  const page = join(outDir, `${api}.html`);
  const rendered = renderCopy(api);
  run(api, ['build-docs', rendered, '--config', config, '--output', page, '--inlineBundle'], 'rendering');
  console.log(`payspec specs: ${api} bundled and rendered to ${relative(rootDir, outDir)}/${api}.{yaml,json,html}`);
}

try {
  mkdirSync(outDir, { recursive: true });
  for (const api of apiNames()) build(api);
} catch (error) {
  console.error(`payspec specs: ${error.message}`);
  process.exit(1);
}
