import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"

/*
 * The layers of docs/architecture.md, checked on the source: every relative import under src/ (type-only imports too,
 * since they tie files together just the same) is read, and the rules below are asserted on that graph.
 */

const ROOT = resolve(__dirname, "..", "..")
const SRC = join(ROOT, "src")

/** The .ts / .tsx sources under src/, tests and declarations left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.tsx?$/.test(name) && !/\.d\.ts$|\.spec\.|(^|\/)__tests__\//.test(name))
    .map((name) => join(dir, name))
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)|\brequire\(\s*["']([^"']+)["']\s*\)/g

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined
  const base = resolve(dirname(from), spec)
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx"), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  return undefined
}

/** Source file (relative to the repository, e.g. src/sync/run.ts) → the source files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8")
    const targets = new Set<string>()
    for (const match of text.matchAll(IMPORT)) {
      const target = resolveImport(file, match[1] ?? match[2] ?? match[3])
      if (target) targets.add(relative(ROOT, target))
    }
    graph.set(relative(ROOT, file), [...targets])
  }
  return graph
}

/** Strongly connected components of two or more files (Tarjan): each one is an import cycle. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (file: string) => {
    index.set(file, next)
    low.set(file, next++)
    stack.push(file)
    onStack.add(file)
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue
      if (!index.has(target)) {
        visit(target)
        low.set(file, Math.min(low.get(file)!, low.get(target)!))
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!))
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== file)
      if (component.length > 1) found.push(component.sort())
    }
  }
  for (const file of graph.keys()) if (!index.has(file)) visit(file)
  return found
}

function importsFrom(graph: Map<string, string[]>, fromPrefix: string, to: (target: string) => boolean): string[] {
  const out: string[] = []
  for (const [file, targets] of graph) {
    if (!file.startsWith(fromPrefix)) continue
    for (const target of targets) if (to(target)) out.push(`${file} → ${target}`)
  }
  return out.sort()
}

describe("architecture: imports run downwards", () => {
  const graph = importGraph()

  it("reads the source it checks", () => {
    // A guard for the test itself: the graph holds the files and edges the rules below are about.
    expect(graph.get("src/sync/run.ts")).toEqual(expect.arrayContaining(["src/notices/apply.ts"]))
    expect(graph.get("src/modules/paygent/service.ts")).toEqual(expect.arrayContaining(["src/options/client.ts"]))
  })

  it("has no import cycle", () => {
    expect(cycles(graph)).toEqual([])
  })

  it("the data module imports nothing of the providers, the reconciliation or the sync", () => {
    expect(importsFrom(graph, "src/modules/", (target) => /^src\/(providers|reconciliation|sync)\//.test(target))).toEqual([])
  })

  it("the options and the notices do not reach up into the sync job", () => {
    expect(importsFrom(graph, "src/options/", (target) => /^src\/(providers|modules|sync|notices|api|workflows)\//.test(target))).toEqual([])
    expect(importsFrom(graph, "src/notices/", (target) => target.startsWith("src/sync/"))).toEqual([])
  })

  it("the workflows do not import the sync job", () => {
    expect(importsFrom(graph, "src/workflows/", (target) => target.startsWith("src/sync/"))).toEqual([])
  })

  it("the API does not import the sync run", () => {
    expect(importsFrom(graph, "src/api/", (target) => target === "src/sync/run.ts")).toEqual([])
  })
})
