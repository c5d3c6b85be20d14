import type { AxiosInstance } from "axios"

/** Puts method, URL, status and body into axios errors, so a failing test says what the server answered. */
export function explainAxiosErrors(api: AxiosInstance): void {
  api.interceptors.response.use(undefined, (error) => {
    if (error?.response) {
      const { config, status, data } = error.response
      error.message = `${config?.method?.toUpperCase()} ${config?.url} → ${status}: ${JSON.stringify(data)}`
    }
    return Promise.reject(error)
  })
}
