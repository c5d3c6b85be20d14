/*
 * `npm run demo` and `npm test` on a fresh clone: run `npm ci` once when a package they need is not in node_modules.
 * Plain JavaScript, since it runs before the dependencies are there.
 */
"use strict"
const { spawnSync } = require("child_process")
const fs = require("fs")
const path = require("path")

const root = path.resolve(__dirname, "..")

function missing(required) {
  return required.filter((name) => !fs.existsSync(path.join(root, "node_modules", ...name.split("/"), "package.json")))
}

/** Runs `npm ci` when one of `required` is missing; exits the process (code 1) when that does not help. */
function installIfMissing(options) {
  const { tag, required, command } = options
  if (missing(required).length === 0) {
    return
  }
  process.stdout.write(`[${tag}] dependencies missing: running \`npm ci\` (about a minute)\n`)
  const npm = process.platform === "win32" ? "npm.cmd" : "npm"
  const result = spawnSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" })
  if (result.status !== 0 || missing(required).length > 0) {
    process.stderr.write(`[${tag}] \`npm ci\` failed; fix the error above and run \`${command}\` again\n`)
    process.exit(1)
  }
}

module.exports = { installIfMissing, root }
