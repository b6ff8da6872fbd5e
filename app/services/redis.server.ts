import { Redis } from 'ioredis'

/**
 * Redis, when several app servers run behind a load balancer (issue 18):
 * REDIS_URL names the server they share for live co-editing (Hocuspocus's
 * Redis extension) and rate limits. Unset — one server, the default — both
 * stay in this process's memory.
 */
export function redisUrl(): string | null {
  return process.env.REDIS_URL?.trim() || null
}

/** A connection to Redis that reconnects on its own; its errors are logged once per outage, without the URL's password. */
export function connectRedis(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 3 })
  let down = false
  client.on('error', (error: Error) => {
    if (!down) console.error(`Redis injoignable (${new URL(url).host}) : ${error.message}`)
    down = true
  })
  client.on('ready', () => (down = false))
  return client
}
