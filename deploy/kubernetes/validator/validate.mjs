// Validates rendered Kubernetes manifests against the Kubernetes API schemas, without a cluster.
//
//   node validate.mjs rendered.yaml [more.yaml ...]      (deploy/kubernetes/check runs it)
//
// Each file holds YAML documents (what `kubectl kustomize` prints). Every document's model
// class is picked from npm's kubernetes-models by its apiVersion and kind, and validated with
// the class's validate(): missing required fields, wrong types and values outside an enum fail.
//
// Those schemas do not forbid unknown fields (they carry no additionalProperties: false, so a
// misspelt `imagePullPolcy` would pass and the API server would drop it). So the same validator
// runs a second time over a copy of the document whose objects record which of their keys the
// validator reads: the compiled schema reads every property it declares (and every key of a
// map it checks), so a key it never read is a field the schema does not have.
//
// Prints one line per problem, naming the file, the object and the field, and exits 1 when there
// is any; 0 and a summary otherwise.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/** The kubernetes-models module of an apiVersion: "v1" is the core group, "apps/v1" a named one. */
function modulePath(apiVersion) {
  return `kubernetes-models/${apiVersion}`;
}

async function modelClass(apiVersion, kind) {
  let module;
  try {
    module = await import(modulePath(apiVersion));
  } catch (e) {
    return { error: `no schema for apiVersion ${apiVersion} in kubernetes-models (${e.code ?? e.message})` };
  }
  const cls = module[kind];
  if (typeof cls !== 'function' || typeof cls.prototype.validate !== 'function') {
    return { error: `no schema for kind ${kind} in apiVersion ${apiVersion}` };
  }
  return { cls };
}

/** JSON pointer (/spec/template/spec/containers/0/image) to a path people read (spec.template.spec.containers[0].image). */
function readablePath(pointer) {
  return pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

/**
 * A copy of a parsed document whose objects note each key read from them, and the list of
 * those objects with their own keys: after a validation, the keys never read are unknown.
 */
function tracked(value, pointer, objects) {
  if (Array.isArray(value)) {
    return value.map((item, index) => tracked(item, `${pointer}/${index}`, objects));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const copy = {};
  for (const key of Object.keys(value)) {
    copy[key] = tracked(value[key], `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, objects);
  }
  const read = new Set();
  objects.push({ pointer, keys: Object.keys(value), read });
  const note = (key) => {
    if (typeof key === 'string') {
      read.add(key);
    }
  };
  return new Proxy(copy, {
    get(target, key, receiver) {
      note(key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      note(key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      note(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

/** The problems of one document, as readable strings (empty when it is valid). */
async function problemsOf(doc) {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return ['is not a YAML mapping (an object)'];
  }
  const problems = [];
  for (const field of ['apiVersion', 'kind']) {
    if (typeof doc[field] !== 'string' || doc[field] === '') {
      problems.push(`missing required field ${field}`);
    }
  }
  if (typeof doc.metadata?.name !== 'string' || doc.metadata.name === '') {
    problems.push('missing required field metadata.name');
  }
  if (problems.length > 0 && (typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string')) {
    return problems;
  }
  const { cls, error } = await modelClass(doc.apiVersion, doc.kind);
  if (error) {
    return [...problems, error];
  }

  // The schema: required fields, types, enums, formats.
  try {
    new cls(doc).validate();
  } catch (e) {
    if (!Array.isArray(e.errors)) {
      throw e;
    }
    for (const err of e.errors) {
      const at = readablePath(err.instancePath);
      const detail = err.keyword === 'enum' ? `${err.message}: ${err.params.allowedValues.join(', ')}` : err.message;
      problems.push(at ? `field ${at}: ${detail}` : detail);
    }
  }

  // Unknown fields: the keys the schema's validator never read.
  const objects = [];
  try {
    cls.prototype.validate.call(tracked(doc, '', objects));
  } catch (e) {
    if (!Array.isArray(e.errors)) {
      throw e;
    }
    // Reported above.
  }
  const unknown = new Set();
  for (const { pointer, keys, read } of objects) {
    for (const key of keys) {
      if (!read.has(key) && !(pointer === '' && (key === 'apiVersion' || key === 'kind'))) {
        unknown.add(`${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      }
    }
  }
  // Only the outermost: nothing inside an unknown field is read either.
  const outermost = [...unknown].filter((pointer) => ![...unknown].some((other) => pointer.startsWith(`${other}/`)));
  for (const pointer of outermost.sort()) {
    problems.push(`unknown field ${readablePath(pointer)} (not in the ${doc.apiVersion} ${doc.kind} schema)`);
  }
  return problems;
}

async function main(files) {
  if (files.length === 0) {
    console.error('usage: node validate.mjs rendered.yaml [more.yaml ...]');
    return 2;
  }
  let objects = 0;
  let failures = 0;
  for (const file of files) {
    const docs = parseAllDocuments(readFileSync(file, 'utf8'));
    for (const [index, parsed] of docs.entries()) {
      if (parsed.errors.length > 0) {
        failures++;
        console.error(`${file}: document ${index + 1}: not valid YAML: ${parsed.errors.map((e) => e.message).join('; ')}`);
        continue;
      }
      const doc = parsed.toJS();
      if (doc === null || doc === undefined) {
        continue; // an empty document (a trailing ---)
      }
      objects++;
      const name = `${doc?.kind ?? '?'}/${doc?.metadata?.name ?? '?'}`
        + (doc?.metadata?.namespace ? ` (namespace ${doc.metadata.namespace})` : '');
      for (const problem of await problemsOf(doc)) {
        failures++;
        console.error(`${file}: ${name}: ${problem}`);
      }
    }
  }
  if (failures > 0) {
    console.error(`INVALID: ${failures} problem(s) in ${objects} object(s) of ${files.join(', ')}`);
    return 1;
  }
  if (objects === 0) {
    console.error(`INVALID: no object in ${files.join(', ')}`);
    return 1;
  }
  console.log(`valid: ${objects} object(s) in ${files.join(', ')}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
