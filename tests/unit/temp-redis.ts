import { spawn } from 'node:child_process'
import { Redis } from 'ioredis'
import { freePort } from '../../scripts/free-port'

/**
 * A throw-away Redis server (Debian's redis-server, scripts/ensure-redis.sh) on
 * a free port (or `port`) of 127.0.0.1, nothing written to disk: what several app servers
 * share for live co-editing and rate limits (issue 18). Returns its URL and a
 * function that stops it.
 */
export async function startRedis(port?: number): Promise<{ url: string; stop: () => void }> {
  port ??= await freePort()
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  const failed = new Promise<never>((_, reject) => {
    server.once('error', () => reject(new Error('Redis est introuvable : bash scripts/ensure-redis.sh (ou sudo apt-get install -y redis-server).')))
    server.once('exit', (code) => reject(new Error(`redis-server s’est arrêté (code ${code}).`)))
  })
  const url = `redis://127.0.0.1:${port}`
  const ready = async () => {
    for (let attempt = 0; ; attempt++) {
      const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null })
      client.on('error', () => {})
      try {
        await client.connect()
        await client.ping()
        return
      } catch (error) {
        if (attempt > 50) throw error
        await new Promise((resolve) => setTimeout(resolve, 100))
      } finally {
        client.disconnect()
      }
    }
  }
  await Promise.race([ready(), failed])
  failed.catch(() => {})
  return { url, stop: () => void server.kill('SIGKILL') }
}
