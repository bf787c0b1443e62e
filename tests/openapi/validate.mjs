// Checks boxoffice's OpenAPI document.
//   usage: node validate.mjs PATH/TO/openapi.json
//
// 1. SwaggerParser.validate: the document against the OpenAPI 3.0 schema, with every $ref resolved.
// 2. Checks of our own, which the schema cannot express:
//    - every $ref (and discriminator mapping) points inside the document and resolves: the document
//      is served on its own, so it cannot lean on other files or URLs;
//    - every operation has a unique operationId and at least one 2xx response;
//    - every {param} of a path is declared as an `in: path` parameter, and nothing else is;
//    - every security requirement names a scheme in components.securitySchemes;
//    - a schema with additionalProperties: false requires only properties it declares.
// Prints a short report; exits 0 when all is well, 1 on any problem, 2 on bad usage.
// Works offline: nothing outside the document is fetched.
import { readFile } from "node:fs/promises";

// Imported here rather than at the top, so that a missing install gets a clear message.
let SwaggerParser;
try {
  ({ default: SwaggerParser } = await import("@apidevtools/swagger-parser"));
} catch (e) {
  console.error("FAIL: cannot load @apidevtools/swagger-parser; run `npm ci` in tests/openapi first " +
                `(${e.code ?? e.message})`);
  process.exit(1);
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function usage(message) {
  if (message) console.error(`validate.mjs: ${message}`);
  console.error("usage: node validate.mjs PATH/TO/openapi.json");
  process.exit(2);
}

// JSON pointer "#/a/b~1c" -> the value in `doc`, or undefined.
function resolvePointer(doc, ref) {
  if (ref === "#") return doc;
  if (!ref.startsWith("#/")) return undefined;
  let node = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

// "/paths/~1api~1v1~1venues/get" for people.
function pointer(path) {
  return "/" + path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}

// Calls visit(node, path) for every object and array in the document.
function walk(node, path, visit) {
  if (node === null || typeof node !== "object") return;
  visit(node, path);
  for (const [key, value] of Object.entries(node)) walk(value, [...path, key], visit);
}

function checkRefs(doc, problems) {
  let count = 0;
  const check = (ref, where) => {
    count++;
    if (typeof ref !== "string") {
      problems.push(`${where}: $ref must be a string`);
    } else if (!ref.startsWith("#")) {
      problems.push(`${where}: $ref "${ref}" points outside the document (only "#/..." is allowed)`);
    } else if (resolvePointer(doc, ref) === undefined) {
      problems.push(`${where}: $ref "${ref}" does not resolve`);
    }
  };
  walk(doc, [], (node, path) => {
    if (!Array.isArray(node) && Object.hasOwn(node, "$ref")) check(node.$ref, pointer(path));
    if (path.at(-1) === "discriminator" && node.mapping && typeof node.mapping === "object") {
      for (const [value, ref] of Object.entries(node.mapping))
        check(ref, pointer([...path, "mapping", value]));
    }
  });
  return count;
}

// A parameter object, following a $ref if it is one.
function deref(doc, node) {
  let seen = 0;
  while (node && typeof node === "object" && typeof node.$ref === "string" && seen++ < 20)
    node = resolvePointer(doc, node.$ref);
  return node;
}

function checkOperations(doc, problems) {
  const operationIds = new Map();
  const schemes = doc.components?.securitySchemes ?? {};
  const checkSecurity = (security, where) => {
    if (!Array.isArray(security)) return;
    for (const requirement of security)
      for (const name of Object.keys(requirement ?? {}))
        if (!Object.hasOwn(schemes, name))
          problems.push(`${where}: security scheme "${name}" is not in components.securitySchemes`);
  };
  checkSecurity(doc.security, "/security");

  let operations = 0;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!item || typeof item !== "object") continue;
    const template = [...path.matchAll(/\{([^}/]*)\}/g)].map((m) => m[1]);
    const duplicated = template.filter((name, i) => template.indexOf(name) !== i);
    if (duplicated.length) problems.push(`${path}: path parameter {${duplicated[0]}} appears twice`);
    if (template.some((name) => name === "")) problems.push(`${path}: empty path parameter {}`);
    const pathParams = (item.parameters ?? []).map((p) => deref(doc, p)).filter(Boolean);

    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      operations++;
      const label = `${method.toUpperCase()} ${path}`;

      if (typeof op.operationId !== "string" || op.operationId.trim() === "") {
        problems.push(`${label}: no operationId`);
      } else if (operationIds.has(op.operationId)) {
        problems.push(`${label}: operationId "${op.operationId}" is also used by ${operationIds.get(op.operationId)}`);
      } else {
        operationIds.set(op.operationId, label);
      }

      const statuses = Object.keys(op.responses ?? {});
      if (!statuses.some((s) => /^2(\d\d|XX)$/.test(s)))
        problems.push(`${label}: no 2xx response (has ${statuses.join(", ") || "none"})`);

      // Operation-level parameters override path-level ones of the same name and location.
      const params = new Map();
      for (const p of [...pathParams, ...(op.parameters ?? []).map((q) => deref(doc, q))])
        if (p && typeof p === "object") params.set(`${p.in}:${p.name}`, p);
      const declared = [...params.values()].filter((p) => p.in === "path");
      for (const name of template)
        if (!declared.some((p) => p.name === name))
          problems.push(`${label}: {${name}} is not declared as a path parameter`);
      for (const p of declared) {
        if (!template.includes(p.name))
          problems.push(`${label}: path parameter "${p.name}" does not appear in the path`);
        if (p.required !== true)
          problems.push(`${label}: path parameter "${p.name}" must have required: true`);
      }

      checkSecurity(op.security, label);
    }
  }
  return operations;
}

function checkRequiredProperties(doc, problems) {
  walk(doc, [], (node, path) => {
    if (Array.isArray(node) || node.additionalProperties !== false || !Array.isArray(node.required))
      return;
    for (const name of node.required)
      if (!Object.hasOwn(node.properties ?? {}, name))
        problems.push(`${pointer(path)}: requires "${name}", which is not in properties ` +
                      "(additionalProperties is false, so nothing could match)");
  });
}

async function main() {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0].startsWith("-")) usage(args.length ? undefined : "no document given");
  const file = args[0];

  let doc;
  try {
    doc = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    console.error(`FAIL ${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
    process.exit(1);
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    console.error(`FAIL ${file}: the document is not a JSON object`);
    process.exit(1);
  }

  const problems = [];
  try {
    // A copy: validate() dereferences in place. No external resolution: the check stays offline.
    await SwaggerParser.validate(structuredClone(doc), {
      resolve: { external: false },
      validate: { schema: true, spec: true },
    });
  } catch (e) {
    problems.push(`OpenAPI validation: ${e.message}`);
  }
  const refs = checkRefs(doc, problems);
  const operations = checkOperations(doc, problems);
  checkRequiredProperties(doc, problems);

  const paths = Object.keys(doc.paths ?? {}).length;
  const schemas = Object.keys(doc.components?.schemas ?? {}).length;
  console.log(`${file}: OpenAPI ${doc.openapi}, "${doc.info?.title}" ${doc.info?.version}: ` +
              `${paths} paths, ${operations} operations, ${schemas} schemas, ${refs} $refs`);
  if (problems.length) {
    for (const p of problems) console.error(`  - ${p}`);
    console.error(`FAIL: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
    process.exit(1);
  }
  console.log("OK: valid OpenAPI 3.0; every operation has an operationId and a 2xx response; " +
              "every path parameter is declared; every $ref resolves");
}

main().catch((e) => {
  console.error(`FAIL: ${e.stack ?? e}`);
  process.exit(1);
});
