import { Document, Packer } from 'docx'
import { describe, expect, it } from 'vitest'
import { docx } from './docx.server'
import { configSchema, type MixValue } from './schema'

describe('mix Word blocks', () => {
  it('titles the P table with the mix size and writes the 4E with the P they transform', async () => {
    const config = configSchema.parse({ kind: 'mix' })
    const value: MixValue = {
      p: { produit: { gamme: 'Trois bougies' } },
      extensions: [{ id: 'processus', content: 'Recharge', context: 'Lyon' }],
      e: { emotion: { proposal: 'Atelier', illustration: '', personalisation: '', links: ['produit', 'processus', 'personnel'] } },
    }
    const blocks = docx(config, value, { level: 2, model: {} as never, today: '2027-01-04', nextListInstance: () => 1 })
    const buffer = await Packer.toBuffer(new Document({ sections: [{ children: blocks }] }))
    const { default: JSZip } = await import('jszip')
    const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string')
    const text = xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    expect(text).toContain('Les 5P')
    expect(text).toContain('Trois bougies')
    expect(text).toContain('Contexte : Lyon')
    // A link to an extension not picked (« personnel ») is left out.
    expect(text).toContain('Produit, Processus')
    expect(text).not.toContain('personnel')
  })
})
