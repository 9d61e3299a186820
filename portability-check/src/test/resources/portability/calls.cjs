// Shared by the TypeScript driver: which calls to make, read from a bundle. For every operation,
// the docs' first request example (and path parameter examples), the first example of the first
// success response, and each documented error status with its first example.
'use strict';
const fs = require('node:fs');

function load(bundlePath) {
  const spec = JSON.parse(fs.readFileSync(bundlePath, 'utf8'));
  const resolve = (node) => {
    let current = node;
    for (let depth = 0; current && typeof current === 'object' && typeof current.$ref === 'string' && depth < 20; depth++) {
      const target = current.$ref.replace(/^#\//, '').split('/').reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
      if (target === undefined) throw new Error(`unresolved ${current.$ref}`);
      current = target;
    }
    return current;
  };
  const firstExample = (media) => {
    if (!media) return undefined;
    if (media.examples && Object.keys(media.examples).length) {
      const [name, example] = Object.entries(media.examples)[0];
      return { name, value: resolve(example).value };
    }
    if (media.example !== undefined) return { name: undefined, value: media.example };
    return undefined;
  };
  const modelOf = (schema) => {
    if (!schema) return undefined;
    if (schema.$ref) return { model: schema.$ref.split('/').at(-1), array: false };
    if (schema.type === 'array' && schema.items?.$ref) return { model: schema.items.$ref.split('/').at(-1), array: true };
    return undefined;
  };
  const calls = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
      const pathParams = parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, value: p.example ?? resolve(p.schema ?? {}).example }));
      const requestMedia = operation.requestBody ? resolve(operation.requestBody).content?.['application/json'] : undefined;
      const body = requestMedia ? { ...modelOf(requestMedia.schema), example: firstExample(requestMedia) } : undefined;
      const responses = Object.entries(operation.responses).map(([code, r]) => [code, resolve(r)]);
      const success = responses.filter(([code]) => /^2/.test(code)).sort(([a], [b]) => a.localeCompare(b))[0];
      const successMedia = success?.[1].content?.['application/json'];
      const errors = responses.filter(([code]) => /^[45]\d\d$/.test(code)).map(([code, r]) => {
        const media = r.content?.['application/json'];
        return { status: Number(code), ...modelOf(media?.schema), example: firstExample(media) };
      });
      calls.push({
        method, path, operationId: operation.operationId, pathParams, body,
        success: successMedia ? { ...modelOf(successMedia.schema), example: firstExample(successMedia) } : null,
        errors,
      });
    }
  }
  return calls;
}

module.exports = { load };

// `node calls.cjs <bundle.json>` prints the calls as JSON, for the Python driver.
if (require.main === module) process.stdout.write(JSON.stringify(load(process.argv[2]), null, 2));
