// The Japanese store seed is shared with the demo store (`npm run demo`); it lives in scripts/demo/.
export * from "../../scripts/demo/seed-store"
