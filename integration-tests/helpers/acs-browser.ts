/**
 * What a shopper's browser does with the 3-D Secure HTML of a payment session (`paygent.threeds.acs_html`):
 * submit the auto-posting form to the simulator's ACS, answer a challenge when one is shown, and follow the
 * redirect to term_url. The real-browser version of this is in e2e/.
 */
function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/i.exec(html)?.[1]
  if (!action) {
    throw new Error(`no form in the 3-D Secure HTML: ${html.slice(0, 200)}`)
  }
  const fields: Record<string, string> = {}
  for (const match of html.matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
    const name = /name="([^"]+)"/.exec(match[0])?.[1]
    const value = /value="([^"]*)"/.exec(match[0])?.[1]
    if (name) {
      fields[name] = value ?? ""
    }
  }
  return { action, fields }
}

async function post(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  })
}

/**
 * Runs the authentication and returns the term_url the browser is sent to (on the app's own host, since the
 * configured backend URL is a placeholder in tests).
 */
export async function authenticate(acsHtml: string, options: { password?: string; appBaseUrl: string }): Promise<URL> {
  const form = formOf(acsHtml)
  let answer = await post(form.action, form.fields)
  if (answer.status === 200) {
    const challenge = await answer.text()
    if (!options.password) {
      throw new Error("the ACS asked for a challenge password")
    }
    const challengeForm = formOf(challenge)
    answer = await post(new URL(challengeForm.action, form.action).toString(), {
      ...challengeForm.fields,
      password: options.password,
    })
  }
  const location = answer.headers.get("location")
  if (answer.status !== 302 || !location) {
    throw new Error(`the ACS answered ${answer.status} without a redirect: ${await answer.text()}`)
  }
  const term = new URL(location)
  const onApp = new URL(term.pathname + term.search, options.appBaseUrl)
  return onApp
}
