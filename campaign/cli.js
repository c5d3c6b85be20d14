#!/usr/bin/env node
/*
 * `npm run campaign [-- --size full|reduced] [--only a,b] [--verbose]`: the fault campaign (campaign/run.ts), run
 * from the TypeScript sources without a build (bin/register-ts.js).
 */
"use strict"
const path = require("path")
const { register } = require(path.join(__dirname, "..", "bin", "register-ts"))

register({ roots: ["src", "campaign", "scripts"] })
require("./run.ts")
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error) => {
    process.stderr.write(`[campaign] ${error && error.stack ? error.stack : error}\n`)
    process.exit(1)
  })
