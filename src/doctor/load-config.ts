import { readFileSync } from "node:fs"
import Module, { createRequire } from "node:module"
import * as path from "node:path"
import { pathToFileURL } from "node:url"

/**
 * `--config <file>`: a JSON, JavaScript or TypeScript file exporting the plugin options — `module.exports = {…}`,
 * `export default {…}`, a (possibly async) function returning them, `{ options, noticeUrl }`, or a whole Medusa
 * config (medusa-config.ts/js), in which the first object with merchantId and connectId (the plugin's options) is used.
 */

export interface LoadedConfig {
  options: unknown
  noticeUrl?: string
  path: string
}

export class ConfigLoadError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string
  ) {
    super(`cannot load ${file} (${reason})`)
  }
}

type Swc = { transformSync(code: string, options: object): { code: string } }
type Ts = { transpileModule(code: string, options: object): { outputText: string } }

/** A compiler from this package's own dependencies, else from the config file's project. */
function optionalRequire<T>(name: string, file: string): T | undefined {
  for (const from of [require, createRequire(file)]) {
    try {
      return from(name) as T
    } catch (error) {
      if ((error as { code?: string }).code !== "MODULE_NOT_FOUND") throw error
    }
  }
  return undefined
}

function transpile(source: string, file: string): string {
  const swc = optionalRequire<Swc>("@swc/core", file)
  if (swc) {
    return swc.transformSync(source, {
      filename: file,
      jsc: { parser: { syntax: "typescript" }, target: "es2021" },
      module: { type: "commonjs" },
    }).code
  }
  const ts = optionalRequire<Ts>("typescript", file)
  if (!ts) throw Object.assign(new Error("no TypeScript compiler"), { code: "NO_TYPESCRIPT_COMPILER" })
  return ts.transpileModule(source, { compilerOptions: { module: 1 /* CommonJS */, target: 8 /* ES2021 */, esModuleInterop: true }, fileName: file }).outputText
}

function loadTypeScript(file: string): unknown {
  const code = transpile(readFileSync(file, "utf8"), file)
  const M = Module as unknown as {
    new (id: string, parent?: unknown): { filename: string; paths: string[]; exports: unknown; _compile(code: string, file: string): void }
    _nodeModulePaths(dir: string): string[]
  }
  const mod = new M(file)
  mod.filename = file
  mod.paths = M._nodeModulePaths(path.dirname(file))
  mod._compile(code, file)
  return mod.exports
}

async function importFile(file: string): Promise<unknown> {
  const ext = path.extname(file).toLowerCase()
  if (ext === ".json") return JSON.parse(readFileSync(file, "utf8"))
  if (ext === ".ts" || ext === ".cts" || ext === ".mts") return loadTypeScript(file)
  if (ext === ".mjs") {
    // A real dynamic import (the TypeScript build would turn `import()` into require()).
    const dynamicImport = new Function("specifier", "return import(specifier)") as (s: string) => Promise<unknown>
    return dynamicImport(pathToFileURL(file).href)
  }
  return createRequire(file)(file)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value)
}

/** Depth-first search for the plugin options inside a Medusa config. */
function findPluginOptions(value: unknown, depth = 0): Record<string, unknown> | undefined {
  if (depth > 8 || !value || typeof value !== "object") return undefined
  if (isObject(value) && "merchantId" in value && "connectId" in value) return value
  for (const child of Object.values(value as object)) {
    const found = findPluginOptions(child, depth + 1)
    if (found) return found
  }
  return undefined
}

export async function loadConfigFile(file: string, cwd: string): Promise<LoadedConfig> {
  const absolute = path.resolve(cwd, file)
  let exported: unknown
  try {
    exported = await importFile(absolute)
    if (isObject(exported) && "default" in exported && (exported.__esModule || Object.keys(exported).length === 1)) {
      exported = exported.default
    }
    if (typeof exported === "function") exported = await (exported as () => unknown)()
  } catch (error) {
    // Only the error's kind: messages of syntax errors can quote the file, secrets included.
    const e = error as { code?: string; name?: string }
    throw new ConfigLoadError(absolute, e?.code ?? e?.name ?? "error")
  }
  if (!isObject(exported)) throw new ConfigLoadError(absolute, "no options object exported")
  let options: Record<string, unknown> | undefined
  let noticeUrl: unknown
  if ("merchantId" in exported || "connectId" in exported) {
    options = exported
  } else if (isObject(exported.options)) {
    options = exported.options
    noticeUrl = exported.noticeUrl
  } else {
    options = findPluginOptions(exported)
  }
  if (!options) throw new ConfigLoadError(absolute, "no Paygent options (merchantId, connectId, …) found")
  noticeUrl ??= options.noticeUrl
  return { options, noticeUrl: typeof noticeUrl === "string" && noticeUrl ? noticeUrl : undefined, path: absolute }
}
