// The maintainer's edit, made by a program so that CI can repeat it: in a copy of the Stancer spec,
// a new field on the customer (request and answer) and a new operation with query parameters, a
// paged list. Everything is found from the operations themselves (createCustomer, getCustomer), so
// the edit follows the spec as it is, whatever its schemas are named.
// Usage: node edit-spec.mjs <openapi.yaml>   (edits the file in place)
import { readFileSync, writeFileSync } from 'node:fs';
import YAML from 'yaml';

const file = process.argv[2];
const spec = YAML.parse(readFileSync(file, 'utf8'));
const deref = (node) => {
  while (node && node.$ref) {
    node = node.$ref.slice(2).split('/').reduce((at, key) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  }
  return node;
};
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item).filter(([m]) => ['get', 'post', 'patch', 'put', 'delete'].includes(m))
    .map(([method, op]) => ({ path, method, op })));
const find = (id) => operations.find(({ op }) => op.operationId === id) ?? (() => { throw new Error(`no ${id}`); })();

const create = find('createCustomer');
const get = find('getCustomer');
const success = (op) => Object.entries(op.responses).find(([code]) => code.startsWith('2'))[1];
const requestSchema = deref(create.op.requestBody).content['application/json'].schema;
const answerResponse = deref(success(get.op));
const answerSchemaRef = answerResponse.content['application/json'].schema;

// 1. A new field, on the request that creates a customer and on the customer answered.
// Every rule names its source, as the lint rules require of a maintainer's edit too.
const source = (...keywords) => ({
  'x-provenance': Object.fromEntries(keywords.map((k) => [k, { source: 'doc', ref: 'maintainer path: an example edit' }])),
});
const nickname = { type: 'string', maxLength: 20, description: 'A short name for the customer, at most 20 characters.', ...source('maxLength') };
const copy = (value) => JSON.parse(JSON.stringify(value)); // no shared nodes: YAML would write anchors
deref(requestSchema).properties.nickname = copy(nickname);
deref(answerSchemaRef).properties.nickname = copy(nickname);

// 2. A new operation with query parameters: the paged list of customers.
const example = copy(deref(Object.values(answerResponse.content['application/json'].examples)[0]).value);
spec.paths[create.path].get = {
  operationId: 'listCustomers',
  tags: copy(create.op.tags),
  summary: 'List customers',
  description: 'The customers, a page at a time, newest first; `email` keeps only those with this address.',
  parameters: [
    { name: 'start', in: 'query', description: 'The position of the first customer, from 0.', schema: { type: 'integer', minimum: 0, ...source('minimum') } },
    { name: 'limit', in: 'query', description: 'How many customers per page, 1 to 100.', schema: { type: 'integer', minimum: 1, maximum: 100, ...source('minimum', 'maximum') } },
    { name: 'email', in: 'query', description: 'Only the customers with this email address.', schema: { type: 'string', maxLength: 64, ...source('maxLength') } },
  ],
  responses: {
    '200': {
      description: 'A page of customers.',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['customers', 'range'],
            properties: {
              customers: { type: 'array', items: copy(answerSchemaRef) },
              range: {
                type: 'object',
                required: ['start', 'end', 'limit', 'count', 'has_more'],
                properties: Object.fromEntries(['start', 'end', 'limit', 'count'].map((k) => [k, { type: 'integer', minimum: 0, ...source('minimum') }])
                  .concat([['has_more', { type: 'boolean' }]])),
              },
            },
          },
          examples: {
            page: {
              summary: 'One page of one customer',
              value: { customers: [example], range: { start: 0, end: 1, limit: 10, count: 1, has_more: false } },
            },
          },
        },
      },
    },
    '401': copy(get.op.responses['401']),
  },
};
writeFileSync(file, YAML.stringify(spec));
console.log(`maintainer path: added nickname and GET ${create.path} (listCustomers) to ${file}`);
