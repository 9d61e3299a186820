// Calls every operation of a bundle through a typescript-fetch client (compiled with tsc --strict
// into <generated>/out) against a Prism mock, with the docs' examples, and checks the decoded
// values. Usage: node typescript-driver.cjs <bundle.json> <generated dir> <base URL>
'use strict';
const path = require('node:path');
const assert = require('node:assert/strict');
const { load } = require('./calls.cjs');

const [bundlePath, generatedDir, baseUrl] = process.argv.slice(2);
const client = require(path.resolve(generatedDir, 'out', 'index.js'));
const camel = (name) => name.replace(/[_-](\w)/g, (_, c) => c.toUpperCase());
const lowerFirst = (name) => name.charAt(0).toLowerCase() + name.slice(1);

/** The decoded value as plain JSON, with the model's property names mapped back to the spec's. */
function expectMatches(actual, expected, where) {
  // typescript-fetch reads a uniqueItems array (v2's methods_allowed) as a Set, in its order.
  if (actual instanceof Set) actual = Array.from(actual);
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((e, i) => expectMatches(actual[i], e, `${where}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${where}: expected an object, got ${JSON.stringify(actual)}`);
    for (const [key, value] of Object.entries(expected)) {
      const name = key in actual ? key : camel(key);
      expectMatches(actual[name], value, `${where}.${key}`);
    }
  } else if (actual instanceof Date) {
    assert.equal(actual.getTime(), new Date(expected).getTime(), where);
  } else {
    assert.deepEqual(actual, expected, where);
  }
}

async function main() {
  const configuration = new client.Configuration({ basePath: baseUrl, username: 'partner', password: 'secret', apiKey: 'secret', accessToken: 'secret' });
  const apis = Object.keys(client).filter((k) => /Api$/.test(k) && k !== 'BaseAPI' && typeof client[k] === 'function').map((k) => new client[k](configuration));
  let checked = 0;
  for (const call of load(bundlePath)) {
    const method = camel(call.operationId);
    const api = apis.find((a) => typeof a[method] === 'function');
    assert.ok(api, `no generated method ${method} for ${call.operationId}`);
    const request = {};
    for (const p of call.pathParams) request[camel(p.name)] = p.value;
    if (call.body) {
      assert.ok(call.body.example, `${call.operationId}: the request body has no example`);
      request[lowerFirst(call.body.model)] = client[`${call.body.model}FromJSON`](call.body.example.value);
    }
    // Operations without parameters take only the init overrides.
    // A method with only optional parameters (a list's filters) has a default, so its length says 0:
    // whether it takes the parameters first is read from its own text.
    const takesParameters = api[method].length >= 2 || /^\s*(async\s+)?\w*\s*\(\s*requestParameters/.test(api[method].toString());
    const invoke = (overrides) => (takesParameters ? api[method](request, overrides) : api[method](overrides));
    const result = await invoke(undefined);
    if (call.success?.example) expectMatches(result, call.success.example.value, `${call.operationId} ${call.method.toUpperCase()} ${call.path}`);
    else assert.ok(result === undefined || result === null, `${call.operationId}: no body expected`);
    checked++;
    for (const error of call.errors.filter((e) => e.example && e.model)) {
      const prefer = `code=${error.status}${error.example.name ? `, example=${error.example.name}` : ''}`;
      try {
        await invoke(async ({ init }) => ({ ...init, headers: { ...init.headers, Prefer: prefer } }));
        assert.fail(`${call.operationId}: ${error.status} did not raise`);
      } catch (e) {
        assert.ok(e instanceof client.ResponseError, `${call.operationId} ${error.status}: ${e}`);
        assert.equal(e.response.status, error.status);
        const decoded = client[`${error.model}FromJSON`](await e.response.json());
        expectMatches(decoded, error.example.value, `${call.operationId} ${error.status}`);
      }
      checked++;
    }
  }
  console.log(`typescript-fetch: ${checked} calls decoded as documented`);
}

main().catch((error) => {
  console.error(`typescript-fetch: ${error.stack ?? error}`);
  process.exit(1);
});
