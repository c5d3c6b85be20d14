import en from "./en.json" with { type: "json" }
import ja from "./ja.json" with { type: "json" }

// Merged into the admin's own translations; every key lives under "paygent." to avoid collisions.
export default {
  en: { translation: en },
  ja: { translation: ja },
}
