/** Shared bits of the simulator's browser pages: escaping and a plain page frame. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!)
}

export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
.sim-banner { background: #fff3cd; border: 1px solid #e0c36a; padding: .5rem .75rem; font-size: .85rem; margin-bottom: 1rem; }
.hint { background: #eef5ff; border: 1px solid #9cbbe6; padding: .5rem .75rem; font-size: .9rem; }
.error { color: #a00; font-weight: bold; }
ul.banks { list-style: none; padding: 0; } ul.banks li { margin: .3rem 0; }
button { font-size: 1rem; padding: .4rem 1.2rem; }
</style>
</head>
<body>
<div class="sim-banner">paygent-simulator — a local stand-in for Paygent, not a real payment page.</div>
${body}
</body>
</html>
`
}

export function hiddenInputs(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n")
}
