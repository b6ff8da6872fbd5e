/**
 * The demo's serious-game theme draws (issue 13 §5): every serious-game group
 * of the demo session gets its themes drawn by the demo admin, through the
 * service the admin screen uses, with a fixed seed made of the group's name,
 * so that the demo's serious games can be handed in and the draws replay.
 */
import { and, asc, eq } from 'drizzle-orm'
import { SERIOUS_GAME_ID } from '../app/domain/draw'
import type { SessionUser } from '../app/services/auth.server'
import { getDb } from '../app/services/db.server'
import { drawGroupThemes } from '../app/services/theme-draws.server'
import * as schema from './schema'

/** The demo seed of a group's draw: fixed, from the group's name. */
export const demoDrawSeed = (groupName: string) => `demo-${groupName.toLowerCase().replace(/\s+/g, '-')}`

export async function seedDraws({ examSessionId, admin, now = new Date() }: { examSessionId: string; admin: SessionUser; now?: Date }): Promise<number> {
  const rows = await getDb()
    .select({ id: schema.groups.id, name: schema.groups.name })
    .from(schema.groups)
    .where(and(eq(schema.groups.examSessionId, examSessionId), eq(schema.groups.evaluationId, SERIOUS_GAME_ID)))
    .orderBy(asc(schema.groups.name))
  for (const group of rows) await drawGroupThemes(admin, group.id, { seed: demoDrawSeed(group.name), now })
  return rows.length
}
