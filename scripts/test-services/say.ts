/** The setup's lines on the console, told apart from the tests' own output. */
export function say(line: string): void {
  process.stdout.write(`[test-services] ${line}\n`)
}
