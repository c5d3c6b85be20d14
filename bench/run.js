#!/usr/bin/env node
/*
 * Benchmark runner: plain node, no build, the TypeScript transpiled on the fly (bin/register-ts.js).
 *
 *   node bench/run.js                          every bench/*.bench.ts in name order, each in its own process
 *   node bench/run.js bench/protocol.bench.ts [args…]   one bench in this process; args go to it
 *
 * A bench file runs on require; if it exports `main(args)` that is awaited too. The process exits when it is done
 * (a bench that leaves a socket open does not hang the run) with status 1 if it threw.
 *
 * TypeScript under src/, bench/, scripts/ (the demo's app and seed helpers) and integration-tests/ (the 3-D Secure
 * browser helper) is transpiled. BENCH_QUICK=1 runs every bench at a small size; the benches, their sizes and their
 * results: docs/performance.md.
 */
"use strict"
const { spawnSync } = require("child_process")
const fs = require("fs")
const path = require("path")

const benchDir = __dirname

function runAll() {
  const files = fs
    .readdirSync(benchDir)
    .filter((name) => name.endsWith(".bench.ts"))
    .sort()
  if (files.length === 0) {
    process.stderr.write(`no *.bench.ts files in ${benchDir}\n`)
    return 1
  }
  let failed = 0
  for (const name of files) {
    process.stdout.write(`\n== ${name} ==\n`)
    // A fresh process per bench: no JIT, GC or socket state carried from one into the next.
    const child = spawnSync(process.execPath, [__filename, path.join(benchDir, name)], { stdio: "inherit" })
    if (child.status !== 0) {
      failed++
      process.stderr.write(`${name} failed (${child.signal ?? `exit ${child.status}`})\n`)
    }
  }
  return failed === 0 ? 0 : 1
}

async function runOne(file, args) {
  require("../bin/register-ts").register({ roots: ["src", "bench", "scripts", "integration-tests"] })
  const bench = require(path.resolve(file))
  if (typeof bench.main === "function") await bench.main(args)
}

const [file, ...args] = process.argv.slice(2)
if (file === undefined) {
  process.exit(runAll())
} else {
  runOne(file, args).then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`${error && error.stack ? error.stack : error}\n`)
      process.exit(1)
    }
  )
}
