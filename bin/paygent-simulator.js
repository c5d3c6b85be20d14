#!/usr/bin/env node
/*
 * paygent-simulator CLI. Runs the compiled simulator of the published package (.medusa/server) when it exists;
 * in a clean clone (no build) it transpiles the TypeScript sources on the fly with @swc/core instead (register-ts.js).
 */
"use strict"
const fs = require("fs")
const path = require("path")

const root = path.resolve(__dirname, "..")
const compiled = path.join(root, ".medusa", "server", "src", "simulator", "cli.js")

let cli
if (fs.existsSync(compiled)) {
  cli = require(compiled)
} else {
  require("./register-ts").register({ roots: ["src"] })
  cli = require(path.join(root, "src", "simulator", "cli.ts"))
}

cli.main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`paygent-simulator: ${error && error.stack ? error.stack : error}\n`)
  process.exit(1)
})
