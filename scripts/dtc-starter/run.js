#!/usr/bin/env node
/*
 * `npm run try:dtc-starter -- <path to a dtc-starter checkout>`: runs main.ts through ts-node (swc), as the demo
 * does. See `npm run try:dtc-starter -- --help`.
 */
"use strict"
const path = require("path")

const root = path.resolve(__dirname, "..", "..")
process.chdir(root)
require(path.join(root, "node_modules", "ts-node")).register({
  project: path.join(root, "tsconfig.json"),
  transpileOnly: true,
  swc: true,
})
require("./main.ts")
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error) => {
    process.stderr.write(`[dtc-starter] ${error && error.stack ? error.stack : error}\n`)
    process.exit(1)
  })
