const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

// Which suites run is chosen by TEST_TYPE, as in Medusa's starters:
//   unit              src/**/__tests__/**/*.unit.spec.ts, scripts/**/__tests__/…  (no database, no Medusa app)
//   integration:http  integration-tests/http/*.spec.ts    (real PostgreSQL + Medusa app + simulator)
//   e2e               e2e/*.e2e.ts                         (npm run demo in a real browser; npm run test:e2e)
const patterns = {
  unit: ["**/src/**/__tests__/**/*.unit.spec.[jt]s", "**/scripts/**/__tests__/**/*.unit.spec.[jt]s"],
  "integration:http": ["**/integration-tests/http/*.spec.[jt]s"],
  "integration:modules": ["**/src/modules/*/__tests__/**/*.[jt]s"],
  e2e: ["**/e2e/*.e2e.[jt]s"],
}

module.exports = {
  transform: {
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      // The automatic JSX runtime, as tsconfig's "react-jsx" (the storefront kit's components).
      { jsc: { parser: { syntax: "typescript", decorators: true, tsx: true }, target: "es2021", transform: { react: { runtime: "automatic" } } } },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/.demo-data/", "<rootDir>/.test-data/", "<rootDir>/e2e/artifacts/"],
  setupFiles: ["./integration-tests/setup.js"],
  testMatch: patterns[process.env.TEST_TYPE] ?? patterns.unit,
  // Jest lists the failing tests again at the end only above 20 suites by default; CI shows the end of the log.
  reporters: [["default", { summaryThreshold: 0 }]],
}
