// What partner teams get besides the 3.1 bundles, made from each bundle by build-specs.mjs:
//   - an OpenAPI 3.0 edition (converted by @apiture/openapi-down-convert; what 3.0 cannot say is
//     removed, kept as text in the schema's description and listed in a loss report),
//   - a Postman collection (converted by openapi-to-postmanv2),
//   - a standalone HTML page: no script, no remote resource, success responses first, conditional
//     rules in words, the provenance of each rule, and request samples (curl, and Java through the
//     wrapper) made from the spec's own examples.
// Nothing here names an API: everything is read from the bundle it is given.

import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

const require = createRequire(import.meta.url);
const { Converter } = require('@apiture/openapi-down-convert');
const postmanConverter = require('openapi-to-postmanv2');
const SwaggerParser = require('@apidevtools/swagger-parser');

const clone = (value) => JSON.parse(JSON.stringify(value));
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

// ---------------------------------------------------------------------------------------------
// Conditional rules in words

function quoteValues(values) {
  const words = values.map((v) => `\`${v}\``);
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** "country is `US` or `CA`" from an `if` schema; its title when the shape is not a simple one. */
function conditionInWords(condition) {
  const parts = [];
  for (const [name, property] of Object.entries(condition.properties ?? {})) {
    if (property.const !== undefined) parts.push(`\`${name}\` is ${quoteValues([property.const])}`);
    else if (Array.isArray(property.enum)) parts.push(`\`${name}\` is ${quoteValues(property.enum)}`);
  }
  for (const name of condition.not?.required ?? []) parts.push(`\`${name}\` is absent`);
  for (const name of condition.required ?? []) {
    if (!condition.properties?.[name]) parts.push(`\`${name}\` is present`);
  }
  if (parts.length > 0) return parts.join(' and ');
  return condition.title ? condition.title.replace(/^when\s+/i, '') : 'the condition holds';
}

/** The constraints a `then` or `else` branch adds, as phrases. */
function consequencesInWords(branch, resolve) {
  const phrases = [];
  for (const name of branch.required ?? []) phrases.push(`\`${name}\` is required`);
  for (const [name, raw] of Object.entries(branch.properties ?? {})) {
    const property = resolve(raw);
    const rules = constraintsInWords(property);
    if (rules.length > 0 && !raw.$ref) phrases.push(`\`${name}\` ${rules.join(', ')}`);
  }
  return phrases;
}

/** Every `if`/`then`/`else` of a schema, nested ones included, as sentences. */
export function rulesInWords(schema, resolve = (s) => s, outer = []) {
  const sentences = [];
  if (!isObject(schema) || !schema.if) return sentences;
  // A nested condition on the same field replaces the outer one ("country is US" within "US or CA").
  const fields = Object.keys(schema.if.properties ?? {});
  const when = [...outer.filter((o) => !fields.some((f) => o.includes(`\`${f}\``))), conditionInWords(schema.if)];
  if (schema.then) {
    const phrases = consequencesInWords(schema.then, resolve);
    if (phrases.length > 0) sentences.push(`When ${when.join(' and ')}, ${phrases.join('; ')}.`);
    sentences.push(...rulesInWords(schema.then, resolve, when));
  }
  if (schema.else) {
    const phrases = consequencesInWords(schema.else, resolve);
    const otherwise = [...outer, `not (${conditionInWords(schema.if)})`];
    if (phrases.length > 0) sentences.push(`When ${otherwise.join(' and ')}, ${phrases.join('; ')}.`);
  }
  return sentences;
}

function constraintsInWords(schema) {
  const words = [];
  if (schema.pattern !== undefined) words.push(`matches \`${schema.pattern}\``);
  if (schema.format !== undefined) words.push(`has the format ${schema.format}`);
  if (schema.minLength !== undefined) words.push(`has at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined) words.push(`has at most ${schema.maxLength} characters`);
  if (Array.isArray(schema.enum)) words.push(`is one of ${quoteValues(schema.enum)}`);
  if (schema.const !== undefined) words.push(`is ${quoteValues([schema.const])}`);
  if (schema.minimum !== undefined) words.push(`is at least ${schema.minimum}`);
  if (schema.maximum !== undefined) words.push(`is at most ${schema.maximum}`);
  return words;
}

// ---------------------------------------------------------------------------------------------
// The OpenAPI 3.0 edition

// JSON Schema keywords that OpenAPI 3.0's schema object does not have, after the converter ran.
const NOT_IN_30 = ['if', 'then', 'else', 'contains', 'const', 'prefixItems', 'dependentRequired',
  'dependentSchemas', '$defs', 'unevaluatedItems', 'unevaluatedProperties', 'examples', 'propertyNames',
  'patternProperties', 'contentSchema', 'minContains', 'maxContains', '$anchor', '$dynamicRef'];

function lossy(schema) {
  if (Array.isArray(schema)) return schema.some(lossy);
  if (!isObject(schema)) return false;
  if (NOT_IN_30.some((k) => k in schema)) return true;
  if (schema.type === 'null' || Array.isArray(schema.type)) return true;
  return Object.values(schema).some(lossy);
}

/**
 * Removes from a converted schema what 3.0 cannot hold. A removed constraint only loosens the
 * schema, except under `not`, where it would tighten it: there the whole `not` goes.
 */
function stripSchema(schema, pointer, losses, resolve) {
  if (!isObject(schema)) return;
  const kept = [];
  if (schema.not && lossy(schema.not)) {
    const title = schema.not.title ? ` (${schema.not.title})` : '';
    losses.push({ pointer, keyword: 'not', text: `the \`not\` rule${title} uses JSON Schema keywords that 3.0 lacks` });
    kept.push(`Excluded values: ${schema.not.title ?? 'see the 3.1 edition'}.`);
    delete schema.not;
  }
  if (schema.if) {
    const sentences = rulesInWords(schema, resolve);
    losses.push({ pointer, keyword: 'if/then', text: sentences.join(' ') || 'a conditional rule' });
    kept.push(...sentences);
    delete schema.if;
    delete schema.then;
    delete schema.else;
  }
  for (const keyword of NOT_IN_30) {
    if (keyword in schema && !['if', 'then', 'else'].includes(keyword)) {
      losses.push({ pointer, keyword, text: `\`${keyword}\`: ${JSON.stringify(schema[keyword])}` });
      delete schema[keyword];
    }
  }
  if (kept.length > 0) {
    schema.description = `${schema.description ? `${schema.description.trimEnd()}\n\n` : ''}` +
      `**Kept as text in this OpenAPI 3.0 edition** (the 3.1 edition states it as a rule): ${kept.join(' ')}`;
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'example' || key === 'x-provenance') continue;
    if (Array.isArray(value)) value.forEach((item, i) => stripSchema(item, `${pointer}/${key}/${i}`, losses, resolve));
    else if (isObject(value)) stripSchema(value, `${pointer}/${key}`, losses, resolve);
  }
}

/** The 3.0 edition of a 3.1 bundle, and the list of what was lost on the way. */
export async function toOpenApi30(bundle) {
  const before = clone(bundle);
  const converted = new Converter(clone(bundle), { verbose: false, deleteExampleWithId: false, allOfTransform: false }).convert();
  const losses = [];
  if (before.info?.summary !== undefined && converted.info?.summary !== undefined) {
    losses.push({ pointer: '#/info', keyword: 'summary', text: `\`info.summary\` moved into the description: ${before.info.summary}` });
    converted.info.description = `${converted.info.summary}\n\n${converted.info.description ?? ''}`;
    delete converted.info.summary;
  }
  if (before.info?.license?.identifier !== undefined) {
    losses.push({ pointer: '#/info/license', keyword: 'identifier', text: `the SPDX identifier \`${before.info.license.identifier}\` (3.0 licences have only a name and a URL)` });
  }
  const resolve = makeResolver(converted);
  const walk = (node, pointer) => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${pointer}/${i}`));
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const here = `${pointer}/${key}`;
      if (key === 'schema' || (pointer === '#/components/schemas')) stripSchema(value, here, losses, resolve);
      else if (key !== 'example' && key !== 'examples') walk(value, here);
    }
  };
  walk(converted, '#');
  converted.openapi = '3.0.3';
  const changed = losses.map((l) => `- \`${l.pointer}\` ${l.keyword}: ${l.text}`).join('\n');
  converted.info.description = `${converted.info.description ?? ''}\n\n**OpenAPI 3.0 edition.** Converted by the build from ` +
    `the OpenAPI 3.1 edition, which is the reference. ${losses.length === 0 ? 'Nothing was lost.' : `What 3.0 cannot state:\n\n${changed}`}\n`;
  await SwaggerParser.validate(clone(converted));
  return { document: converted, losses };
}

export function lossReport(api, losses) {
  const lines = [`# ${api}: what the OpenAPI 3.0 edition does not state as a rule`, '',
    `The 3.0 edition (\`${api}.openapi30.{yaml,json}\`) is converted by the build from the 3.1 edition`,
    `(\`${api}.{yaml,json}\`), which remains the reference. OpenAPI 3.0 has no \`if\`/\`then\`, no \`const\`,`,
    'no `contains` and no `null` type: each such rule is listed here and kept as text in the description of',
    'the schema that carried it. Validate requests against the 3.1 edition to check these rules.', ''];
  if (losses.length === 0) lines.push('Nothing was lost.');
  else {
    lines.push('| where | keyword | kept as |', '| --- | --- | --- |');
    for (const l of losses) lines.push(`| \`${l.pointer}\` | \`${l.keyword}\` | ${l.text.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// The Postman collection

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The converter draws random ids; ids made from the API and the item's place keep builds byte-identical. */
function stableIds(node, seed, pointer = '') {
  if (Array.isArray(node)) return node.forEach((item, i) => stableIds(item, seed, `${pointer}/${i}`));
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'id' || key === '_postman_id') && typeof value === 'string' && UUID.test(value)) {
      const hex = createHash('sha256').update(`${seed}${pointer}/${key}`).digest('hex');
      node[key] = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    } else {
      stableIds(value, seed, `${pointer}/${key}`);
    }
  }
}

export async function toPostman(document, seed) {
  const collection = await convertToPostman(document);
  stableIds(collection, seed);
  return collection;
}

function convertToPostman(document) {
  return new Promise((resolveResult, reject) => {
    postmanConverter.convert({ type: 'json', data: clone(document) },
      { folderStrategy: 'Tags', requestParametersResolution: 'Example', exampleParametersResolution: 'Example', includeAuthInfoInExample: false },
      (error, result) => {
        if (error) return reject(error);
        if (!result.result) return reject(new Error(`the Postman converter refused the spec: ${result.reason}`));
        resolveResult(result.output[0].data);
      });
  });
}

// ---------------------------------------------------------------------------------------------
// The HTML page

function makeResolver(document) {
  return function resolve(node) {
    let current = node;
    for (let depth = 0; isObject(current) && typeof current.$ref === 'string' && depth < 20; depth++) {
      const target = current.$ref.replace(/^#\//, '').split('/').reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], document);
      if (target === undefined) break;
      const { $ref, ...siblings } = current;
      current = { ...target, ...siblings };
    }
    return current;
  };
}

const escapeHtml = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The small Markdown subset the specs use: paragraphs, lists, `code`, **bold**, *emphasis*. */
function markdown(text) {
  if (!text) return '';
  const inline = (s) => escapeHtml(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\*([^*]+)\*/g, '<em>$1</em>');
  return text.trim().split(/\n\s*\n/).map((block) => {
    const lines = block.split('\n');
    if (lines.every((l) => /^\s*[-*] /.test(l) || /^\s{2,}\S/.test(l))) {
      const items = [];
      for (const l of lines) {
        if (/^\s*[-*] /.test(l)) items.push(l.replace(/^\s*[-*] /, ''));
        else items[items.length - 1] += ` ${l.trim()}`;
      }
      return `<ul>${items.map((i) => `<li>${inline(i)}</li>`).join('')}</ul>`;
    }
    return `<p>${inline(lines.join(' '))}</p>`;
  }).join('\n');
}

const SOURCE_WORDS = { doc: 'the provider\'s documentation', sdk: 'the provider\'s official SDKs', observed: 'observed on the API', unknown: 'unknown' };

function provenanceHtml(provenance, keyword) {
  const entry = provenance?.[keyword];
  if (!isObject(entry)) return '';
  return ` <span class="source">(source: ${escapeHtml(SOURCE_WORDS[entry.source] ?? entry.source)}${entry.ref ? `, ${escapeHtml(entry.ref)}` : ''})</span>`;
}

function typeName(schema, raw) {
  if (raw?.$ref) return raw.$ref.split('/').at(-1).replace(/\.yaml#/, '');
  if (schema.type === 'array') return `array of ${typeName(schema.items ?? {}, schema.items)}`;
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  return schema.type ?? 'any JSON value';
}

/** One list item per rule of a schema, each with its provenance. */
function rulesHtml(schema, resolve) {
  const provenance = schema['x-provenance'];
  const items = [];
  const shown = new Set();
  const add = (keyword, text) => {
    shown.add(keyword);
    items.push(`<li>${text}${provenanceHtml(provenance, keyword)}</li>`);
  };
  if (schema.format !== undefined) add('format', `format <code>${escapeHtml(schema.format)}</code>`);
  if (schema.minLength !== undefined) add('minLength', `at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined) add('maxLength', `at most ${schema.maxLength} characters`);
  if (schema.pattern !== undefined) {
    // A long pattern (an IP address, a list of country codes) is folded away; the description says it in words.
    const pattern = `<code class="pattern">${escapeHtml(schema.pattern)}</code>`;
    add('pattern', schema.pattern.length > 80 ? `matches a pattern <details><summary>(${schema.pattern.length} characters)</summary>${pattern}</details>` : `matches ${pattern}`);
  }
  if (Array.isArray(schema.enum)) add('enum', `one of ${schema.enum.map((v) => `<code>${escapeHtml(v)}</code>`).join(', ')}`);
  if (schema.const !== undefined) add('const', `always <code>${escapeHtml(JSON.stringify(schema.const))}</code>`);
  if (schema.minimum !== undefined) add('minimum', `at least ${schema.minimum}`);
  if (schema.maximum !== undefined) add('maximum', `at most ${schema.maximum}`);
  if (schema.additionalProperties === false) add('additionalProperties', 'no other field is accepted');
  else if (isObject(schema.additionalProperties)) {
    add('additionalProperties', `any field name, each with a value of <strong>${escapeHtml(typeName(resolve(schema.additionalProperties), schema.additionalProperties))}</strong>`
      + (schema.additionalProperties.$ref ? '' : rulesHtml(schema.additionalProperties, resolve)));
  }
  if (Array.isArray(schema.anyOf) && schema.anyOf.every((s) => Array.isArray(s.required))) {
    add('anyOf', `at least one of: ${schema.anyOf.map((s) => s.required.map((r) => `<code>${escapeHtml(r)}</code>`).join(' and ')).join(', ')}`);
  } else if (Array.isArray(schema.anyOf)) {
    add('anyOf', `any of: ${schema.anyOf.map((s) => `<strong>${escapeHtml(typeName(resolve(s), s))}</strong>`).join(', ')}`);
  }
  if (Array.isArray(schema.oneOf)) {
    add('oneOf', `exactly one of: ${schema.oneOf.map((s) => `<strong>${escapeHtml(typeName(resolve(s), s))}</strong>`).join(', ')}`);
  }
  if (schema.not?.title) add('not', `excluded values: ${escapeHtml(schema.not.title)}`);
  for (const sentence of rulesInWords(schema, resolve)) add('if', markdown(sentence).replace(/^<p>|<\/p>$/g, ''));
  if (schema.uniqueItems === true) add('uniqueItems', 'no value twice');
  // Any other sourced rule is shown by its keyword, so that no source is left off the page.
  for (const keyword of Object.keys(provenance ?? {})) {
    if (!shown.has(keyword) && schema[keyword] !== undefined) {
      const value = JSON.stringify(schema[keyword]);
      add(keyword, `<code>${escapeHtml(keyword)}</code>: <code>${escapeHtml(value.length > 80 ? `${value.slice(0, 79)}…` : value)}</code>`);
    }
  }
  for (const keyword of Object.keys(schema.not?.['x-provenance'] ?? {})) {
    items.push(`<li>excluded values (<code>not.${escapeHtml(keyword)}</code>)${provenanceHtml(schema.not['x-provenance'], keyword)}</li>`);
  }
  // A nested rule (an if/then inside a then) carries its own sources: shown beside the outer one's.
  for (let branch = schema.then; isObject(branch); branch = branch.then) {
    for (const keyword of Object.keys(branch['x-provenance'] ?? {})) {
      items.push(`<li>nested rule (<code>then.${escapeHtml(keyword)}</code>)${provenanceHtml(branch['x-provenance'], keyword)}</li>`);
    }
  }
  return items.length ? `<ul class="rules">${items.join('')}</ul>` : '';
}

function schemaHtml(raw, resolve, depth = 0) {
  const schema = resolve(raw);
  const parts = [];
  if (schema.type === 'array' && schema.items) {
    parts.push(`<p>An array of <strong>${escapeHtml(typeName(resolve(schema.items), schema.items))}</strong>.</p>`);
    if (depth < 1) parts.push(schemaHtml(schema.items, resolve, depth + 1));
    return parts.join('\n');
  }
  parts.push(rulesHtml(schema, resolve));
  if (isObject(schema.properties)) {
    const required = new Set(schema.required ?? []);
    const rows = Object.entries(schema.properties).map(([name, rawProperty]) => {
      const property = resolve(rawProperty);
      const req = required.has(name) ? `<span class="required">required</span>${provenanceHtml(schema['x-provenance'], 'required')}` : '';
      const flags = [property.readOnly ? 'read only' : '', property.nullable || (Array.isArray(property.type) && property.type.includes('null')) ? 'may be null' : '', property['x-personal'] ? 'personal data' : ''].filter(Boolean).join(', ');
      return `<tr><td><code>${escapeHtml(name)}</code> ${req}</td><td>${escapeHtml(typeName(property, rawProperty))}${flags ? `<br><span class="flags">${flags}</span>` : ''}</td>` +
        `<td>${markdown(property.description)}${rulesHtml(property, resolve)}</td></tr>`;
    });
    parts.push(`<table><thead><tr><th>field</th><th>type</th><th>description and rules</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
  }
  return parts.join('\n');
}

function statusOrder(code) {
  if (/^2/.test(code)) return 0;
  if (/^[13]/.test(code)) return 1;
  if (/^4/.test(code)) return 2;
  if (/^5/.test(code)) return 3;
  return 4;
}

function examplesOf(media, resolve) {
  if (!media) return [];
  if (isObject(media.examples)) return Object.entries(media.examples).map(([name, e]) => ({ name, ...resolve(e) }));
  if (media.example !== undefined) return [{ name: 'example', value: media.example }];
  return [];
}

// Request samples -------------------------------------------------------------------------------

const camel = (name) => name.replace(/[_-](\w)/g, (_, c) => c.toUpperCase());
const pascal = (name) => camel(name).replace(/^\w/, (c) => c.toUpperCase());

/**
 * What the wrapper offers for an API, from the metadata the build writes beside the bundle
 * (`<api>.payspec.json`, by `ApiSpec` in the specs module, the same model that names the wrapper's
 * services): the client class and its credential methods, and each operation's service and method.
 * Null when the spec names no client.
 */
export function wrapperInfo(outDir, api) {
  const file = join(outDir, `${api}.payspec.json`);
  if (!existsSync(file)) throw new Error(`${file} is missing: the build writes it (ApiSpec) before the partner kit`);
  const metadata = JSON.parse(readFileSync(file, 'utf8'));
  if (!metadata.client) return null;
  const operations = Object.fromEntries(metadata.operations.map((o) => [o.id, o]));
  return { packageName: metadata.javaPackage, clientClass: metadata.client.class, credentials: metadata.client.credentials, hasBaseUrl: true, operations };
}

function javaLiteral(value, schema) {
  // The generated models type a date as LocalDate and a date-time as OffsetDateTime.
  if (typeof value === 'string' && schema?.format === 'date') return `java.time.LocalDate.parse(${JSON.stringify(value)})`;
  if (typeof value === 'string' && schema?.format === 'date-time') return `java.time.OffsetDateTime.parse(${JSON.stringify(value)})`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return schema?.format === 'int64' ? `${value}L` : String(value);
  return null;
}

function javaSample({ api, info, server, operation, resolve, pathParams, body, bodySchemaRef, returnsBody }) {
  if (!info) return null;
  const method = info.operations[operation.operationId]?.javaMethod;
  const accessor = info.operations[operation.operationId]?.service;
  if (!method || !accessor) return null;
  // A list with query parameters takes them as arguments: the sample shows only what it can fill.
  if ((operation.parameters ?? []).some((p) => resolve(p).in === 'query')) return null;
  const envPrefix = api.toUpperCase().replace(/\W/g, '_');
  const lines = [`import ${info.packageName}.${info.clientClass};`];
  const args = pathParams.map((p) => JSON.stringify(p));
  if (body !== undefined && bodySchemaRef) {
    const model = bodySchemaRef.split('/').at(-1);
    lines.push(`import dev.payspec.${api.split('-').join('.')}.generated.model.${model};`);
    const schema = resolve({ $ref: bodySchemaRef });
    const setters = Object.entries(body).map(([name, value]) => {
      const literal = javaLiteral(value, resolve(schema.properties?.[name] ?? {}));
      return literal === null ? null : `\n    .${camel(name)}(${literal})`;
    });
    if (setters.includes(null)) return null;
    args.push(`new ${model}()${setters.join('')}`);
  }
  lines.push('', `${info.clientClass} client = ${info.clientClass}.builder()`);
  if (info.hasBaseUrl && server) lines.push(`    .baseUrl(${JSON.stringify(server)})`);
  for (const credential of info.credentials) {
    lines.push(`    .${credential}(System.getenv("${envPrefix}_${credential.replace(/([A-Z])/g, '_$1').toUpperCase()}"))`);
  }
  lines.push('    .build();');
  const call = `client.${accessor}().${method}(${args.join(', ')})`;
  lines.push(returnsBody ? `var result = ${call};` : `${call};`);
  return lines.join('\n');
}

function curlSample({ document, method, path, pathParams, body }) {
  const server = document.servers?.[0]?.url ?? 'https://api.example.com';
  let url = `${server.replace(/\/$/, '')}${path}`;
  for (const [name, value] of Object.entries(pathParams)) url = url.replace(`{${name}}`, encodeURIComponent(value));
  const scheme = Object.values(document.components?.securitySchemes ?? {})[0];
  const lines = [`curl -X ${method.toUpperCase()} '${url}'`];
  if (scheme?.type === 'http' && scheme.scheme === 'basic') lines.push(`  -u "$API_USER:$API_PASSWORD"`);
  else if (scheme?.type === 'http' && scheme.scheme === 'bearer') lines.push(`  -H "Authorization: Bearer $API_TOKEN"`);
  else if (scheme?.type === 'apiKey') lines.push(`  -H "${scheme.name}: $API_KEY"`);
  lines.push(`  -H 'Accept: application/json'`);
  if (body !== undefined) {
    lines.push(`  -H 'Content-Type: application/json'`);
    lines.push(`  -d '${JSON.stringify(body).replace(/'/g, `'\\''`)}'`);
  }
  return lines.join(' \\\n');
}

const CSS = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;line-height:1.5}
nav{position:fixed;top:0;bottom:0;left:0;width:260px;overflow:auto;background:#f4f5f8;padding:1em;box-sizing:border-box;font-size:.9em}
nav a{display:block;color:#1d2330;text-decoration:none;padding:.15em 0}main{margin-left:260px;padding:1em 2em;max-width:980px}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.88em}pre{background:#1d2330;color:#f4f5f8;padding:.8em;overflow:auto;border-radius:4px}
code.pattern{word-break:break-all}table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border-top:1px solid #dde;padding:.35em;vertical-align:top;text-align:left}
.method{font-weight:bold;text-transform:uppercase;padding:.1em .4em;border-radius:3px;background:#2a6ebb;color:#fff}.status{font-weight:bold}
.s2{color:#177a2a}.s4,.s5,.sd{color:#a5281b}.required{color:#a5281b;font-size:.85em}.flags,.source{color:#666;font-size:.85em}
section.op{border-top:2px solid #dde;margin-top:2em}ul.rules{margin:.2em 0;padding-left:1.2em}h4{margin-bottom:.3em}details{display:inline}summary{cursor:pointer;color:#2a6ebb}`;

/** The standalone page of one API. */
export function renderPage(api, original, info) {
  const document = clone(original);
  const resolve = makeResolver(document);
  const ops = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      if (item[method]) ops.push({ path, method, operation: item[method], shared: item.parameters ?? [] });
    }
  }
  const nav = ops.map(({ operation, method, path }) => `<a href="#op-${escapeHtml(operation.operationId)}"><span class="method">${method}</span> ${escapeHtml(operation.summary ?? path)}</a>`);
  const schemaNames = Object.keys(document.components?.schemas ?? {});
  nav.push('<strong>Schemas</strong>', ...schemaNames.map((n) => `<a href="#schema-${escapeHtml(n)}">${escapeHtml(n)}</a>`));

  const sections = ops.map(({ path, method, operation, shared }) => {
    const parameters = [...shared, ...(operation.parameters ?? [])].map(resolve);
    const pathParams = Object.fromEntries(parameters.filter((p) => p.in === 'path').map((p) => [p.name, p.example ?? resolve(p.schema ?? {}).example ?? `{${p.name}}`]));
    const media = operation.requestBody ? resolve(operation.requestBody).content?.['application/json'] : undefined;
    const requestExamples = examplesOf(media, resolve);
    const responses = Object.entries(operation.responses ?? {}).sort(([a], [b]) => statusOrder(a) - statusOrder(b) || a.localeCompare(b));
    const returnsBody = responses.some(([code, r]) => /^2/.test(code) && resolve(r).content);
    const html = [`<section class="op" id="op-${escapeHtml(operation.operationId)}">`,
      `<h2><span class="method">${method}</span> <code>${escapeHtml(path)}</code> ${escapeHtml(operation.summary ?? '')}</h2>`,
      markdown(operation.description)];
    if (parameters.length) {
      html.push('<h3>Parameters</h3><table><tbody>', ...parameters.map((p) => `<tr><td><code>${escapeHtml(p.name)}</code> (${escapeHtml(p.in)})${p.required ? ' <span class="required">required</span>' : ''}</td><td>${markdown(p.description)}${rulesHtml(resolve(p.schema ?? {}), resolve)}</td></tr>`), '</tbody></table>');
    }
    if (media) {
      html.push(`<h3>Request body: ${escapeHtml(typeName(resolve(media.schema), media.schema))}</h3>`, schemaHtml(media.schema, resolve));
    }
    const samples = (requestExamples.length ? requestExamples : [{ name: 'request', value: undefined }]).map((example) => {
      const curl = curlSample({ document, method, path, pathParams, body: example.value });
      const java = javaSample({ api, info, server: document.servers?.[0]?.url, operation, resolve, pathParams: Object.values(pathParams), body: example.value, bodySchemaRef: media?.schema?.$ref, returnsBody });
      return `<h4>${escapeHtml(example.summary ?? example.name)}</h4><p>curl</p><pre>${escapeHtml(curl)}</pre>` +
        (java ? `<p>Java, through the payspec wrapper</p><pre>${escapeHtml(java)}</pre>` : '');
    });
    html.push('<h3>Request samples</h3>', ...samples);
    html.push('<h3>Responses</h3>');
    for (const [code, rawResponse] of responses) {
      const response = resolve(rawResponse);
      const provenance = isObject(response['x-provenance']) && response['x-provenance'].source
        ? ` <span class="source">(source: ${escapeHtml(SOURCE_WORDS[response['x-provenance'].source] ?? response['x-provenance'].source)}${response['x-provenance'].ref ? `, ${escapeHtml(response['x-provenance'].ref)}` : ''})</span>` : '';
      const kind = code === 'default' ? 'd' : code[0];
      html.push(`<h4><span class="status s${kind}">${escapeHtml(code)}</span>${provenance}</h4>`, markdown(response.description));
      const content = response.content?.['application/json'];
      if (content?.schema) html.push(`<p>Body: <strong>${escapeHtml(typeName(resolve(content.schema), content.schema))}</strong></p>`);
      for (const example of examplesOf(content, resolve)) {
        html.push(`<p>${escapeHtml(example.summary ?? example.name)}</p><pre>${escapeHtml(JSON.stringify(example.value, null, 2))}</pre>`);
      }
    }
    html.push('</section>');
    return html.join('\n');
  });

  const schemas = schemaNames.map((name) => {
    const schema = resolve(document.components.schemas[name]);
    return `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3><p>${escapeHtml(typeName(schema))}</p>${markdown(schema.description)}${schemaHtml(schema, resolve)}</section>`;
  });

  const servers = (document.servers ?? []).map((s) => `<li><code>${escapeHtml(s.url)}</code> ${escapeHtml(s.description ?? '')}</li>`).join('');
  const auth = Object.entries(document.components?.securitySchemes ?? {}).map(([n, s]) => `<li><strong>${escapeHtml(n)}</strong>: ${markdown(s.description)}</li>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)} ${escapeHtml(document.info.version)}</title>
<style>${CSS}</style></head>
<body><nav><strong>${escapeHtml(document.info.title)}</strong>${nav.join('\n')}</nav>
<main><h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>
${document.info.summary ? `<p><em>${escapeHtml(document.info.summary)}</em></p>` : ''}${markdown(document.info.description)}
<h2>Servers</h2><ul>${servers}</ul><h2>Authentication</h2><ul>${auth}</ul>
<p>Each rule names its source where the spec records it. The samples are made from the spec's own examples.</p>
${sections.join('\n')}
<h2>Schemas</h2>
${schemas.join('\n')}
</main></body></html>
`;
}
