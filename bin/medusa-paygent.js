#!/usr/bin/env node
/*
 * medusa-paygent CLI (`medusa-paygent doctor`, docs/doctor.md). Runs the compiled doctor of the published package
 * (.medusa/server) when it exists; in a clean clone (no build) it transpiles the TypeScript sources on the fly with
 * @swc/core (bin/register-ts.js, the same hook as bin/paygent-simulator.js).
 */
"use strict"
const fs = require("fs")
const path = require("path")

const root = path.resolve(__dirname, "..")
const compiled = path.join(root, ".medusa", "server", "src", "doctor", "cli.js")

let cli
if (fs.existsSync(compiled)) {
  cli = require(compiled)
} else {
  require("./register-ts").register({ roots: ["src"] })
  cli = require(path.join(root, "src", "doctor", "cli.ts"))
}

cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error) => {
    // Only the kind of error: a message could quote configuration values.
    process.stderr.write(`medusa-paygent: unexpected error (${(error && (error.code || error.name)) || "error"})\n`)
    process.exitCode = 1
  }
)
