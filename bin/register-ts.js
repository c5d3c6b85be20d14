/*
 * Lets plain `node` require the repository's TypeScript sources without a build: registers a `.ts` require hook that
 * transpiles each file with @swc/core (type annotations stripped, no type check) to CommonJS with an inline source map,
 * and turns on source-map support so stack traces point at the .ts lines.
 *
 *   require("./register-ts").register()                       // .ts under src/ only
 *   require("./register-ts").register({ roots: ["src", "bench"] })
 *
 * Only files under the given roots (relative to the repository root, default ["src"]) are transpiled; any other .ts
 * file (a dependency's, say) is refused rather than silently compiled. Calling register() again adds roots.
 * @swc/core is a devDependency: the published package runs its compiled .medusa/server output instead.
 */
"use strict"
const fs = require("fs")
const path = require("path")

const repositoryRoot = path.resolve(__dirname, "..")
const allowedRoots = new Set()
let registered = false

function transpile(module, filename) {
  const swc = require("@swc/core")
  const source = fs.readFileSync(filename, "utf8")
  const { code } = swc.transformSync(source, {
    filename,
    sourceMaps: "inline",
    jsc: { parser: { syntax: "typescript" }, target: "es2021" },
    module: { type: "commonjs" },
  })
  module._compile(code, filename)
}

/** Module filenames are real paths, so the roots are too (a symlinked checkout or folder still matches). */
function realRoot(root) {
  const absolute = path.resolve(repositoryRoot, root)
  try {
    return fs.realpathSync(absolute) + path.sep
  } catch {
    return absolute + path.sep
  }
}

function register(options = {}) {
  for (const root of options.roots || ["src"]) allowedRoots.add(realRoot(root))
  if (registered) return
  registered = true
  if (typeof process.setSourceMapsEnabled === "function") process.setSourceMapsEnabled(true)
  require.extensions[".ts"] = (module, filename) => {
    if (![...allowedRoots].some((root) => filename.startsWith(root))) {
      throw new Error(`refusing to transpile ${filename}: outside ${[...allowedRoots].join(", ")}`)
    }
    transpile(module, filename)
  }
}

module.exports = { register, repositoryRoot }
