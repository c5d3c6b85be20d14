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
 * browser helper) is transpiled. BENCH_QUICK=1 runs every bench at a small size; BENCH_ONLY=notices,pull runs only
 * those (by name); the benches, their sizes and their results: docs/performance.md.
 *
 * After all of them, every `ratio …` line the benches printed is repeated in one summary (issue #19's four ratios —
 * notices, pull, checkout, memory — with their baselines).
 */
"use strict"
const { spawn } = require("child_process")
const fs = require("fs")
const path = require("path")

const benchDir = __dirname

/** Runs one bench in a child process, echoing its output; resolves to its exit status and its `ratio …` lines. */
function runChild(file) {
  return new Promise((resolve) => {
    // A fresh process per bench: no JIT, GC or socket state carried from one into the next.
    const child = spawn(process.execPath, [__filename, file], { stdio: ["inherit", "pipe", "inherit"] })
    const ratios = []
    let rest = ""
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk)
      const lines = (rest + chunk.toString("utf8")).split("\n")
      rest = lines.pop()
      for (const line of lines) if (line.startsWith("ratio ")) ratios.push(line)
    })
    child.on("close", (code, signal) => {
      if (rest.startsWith("ratio ")) ratios.push(rest)
      resolve({ status: code, signal, ratios })
    })
  })
}

async function runAll() {
  const only = (process.env.BENCH_ONLY || "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean)
  const files = fs
    .readdirSync(benchDir)
    .filter((name) => name.endsWith(".bench.ts"))
    .filter((name) => only.length === 0 || only.includes(name.replace(/\.bench\.ts$/, "")))
    .sort()
  if (files.length === 0) {
    process.stderr.write(`no *.bench.ts files in ${benchDir}${only.length ? ` named ${only.join(", ")}` : ""}\n`)
    return 1
  }
  const started = Date.now()
  let failed = 0
  const summary = []
  for (const name of files) {
    process.stdout.write(`\n== ${name} ==\n`)
    const child = await runChild(path.join(benchDir, name))
    summary.push({ name, ratios: child.ratios })
    if (child.status !== 0) {
      failed++
      process.stderr.write(`${name} failed (${child.signal ?? `exit ${child.status}`})\n`)
    }
  }
  process.stdout.write(`\n== summary: every ratio, each against its baseline measured in the same bench (${((Date.now() - started) / 60000).toFixed(0)} min) ==\n`)
  for (const { name, ratios } of summary) {
    process.stdout.write(`${name}\n`)
    for (const line of ratios.length ? ratios : ["(no ratio printed)"]) process.stdout.write(`  ${line}\n`)
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
  runAll().then((code) => process.exit(code))
} else {
  runOne(file, args).then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`${error && error.stack ? error.stack : error}\n`)
      process.exit(1)
    }
  )
}
