import { Pool } from "pg"

/** Read access to the app's database for the campaign's checks (never written to by a scenario). */
export class Db {
  private pool?: Pool

  constructor(private readonly url: string) {}

  async query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    this.pool ??= new Pool({ connectionString: this.url, max: 4 })
    const { rows } = await this.pool.query(sql, params as any[])
    return rows as T[]
  }

  async close(): Promise<void> {
    const pool = this.pool
    this.pool = undefined
    await pool?.end().catch(() => undefined)
  }
}
