#!/usr/bin/env node
/*
 * paygent-simulator CLI. Runs the compiled simulator of the published package (.medusa/server) when it exists;
 * in a clean clone (no build) it transpiles the TypeScript sources on the fly with @swc/core instead.
 */
"use strict"
const fs = require("fs")
const path = require("path")

const root = path.resolve(__dirname, "..")
const compiled = path.join(root, ".medusa", "server", "src", "simulator", "cli.js")

function registerTypeScriptHook() {
  const swc = require("@swc/core")
  const sourceRoot = path.join(root, "src") + path.sep
  const compile = (module, filename) => {
    const source = fs.readFileSync(filename, "utf8")
    const { code } = swc.transformSync(source, {
      filename,
      sourceMaps: "inline",
      jsc: { parser: { syntax: "typescript" }, target: "es2021" },
      module: { type: "commonjs" },
    })
    module._compile(code, filename)
  }
  require.extensions[".ts"] = (module, filename) => {
    if (!filename.startsWith(sourceRoot)) throw new Error(`refusing to transpile ${filename} outside ${sourceRoot}`)
    compile(module, filename)
  }
}

let cli
if (fs.existsSync(compiled)) {
  cli = require(compiled)
} else {
  registerTypeScriptHook()
  cli = require(path.join(root, "src", "simulator", "cli.ts"))
}

cli.main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`paygent-simulator: ${error && error.stack ? error.stack : error}\n`)
  process.exit(1)
})
