import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { finish, next, pause, readyRehearsal, start, summarize, type PastRehearsal, type RehearsalState } from '~/domain/rehearsal'
import { Rehearsal, RehearsalView, type RehearsalTalkPart } from './rehearsal'

/**
 * The rehearsal view, state by state: the domain is driven with fake timestamps and each moment is
 * rendered to static markup. What a learner notices is asserted: the timers' state (class AND words),
 * the time left or over, the buttons, the part shown, the live region, the last rehearsals.
 */

const parts: RehearsalTalkPart[] = [
  { id: 'intro', title: 'Introduction', message: 'Je présente mon parcours en une phrase.', minutes: 1, notes: 'Sourire.\nRegarder le jury.' },
  { id: 'demarche', title: 'Ma démarche', message: 'Trois étapes, une méthode.', minutes: 3, notes: '' },
  { id: 'bilan', title: 'Bilan', message: '', minutes: null, notes: 'Conclure sur le projet.' },
]
const T0 = Date.UTC(2026, 11, 5, 9, 0, 0)
const T = (seconds: number) => T0 + seconds * 1000

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()

/** The two timers, part then talk: their state class, `data-state` and visible words. */
function timers(html: string) {
  return [...html.matchAll(/<div class="rehearsal-timer rehearsal-timer--(\w+)" data-state="(\w+)">(.*?)<\/div>/g)].map((m) => ({
    cls: m[1],
    state: m[2],
    text: text(m[3] ?? ''),
  }))
}

function render(state: RehearsalState, now: number, extra: Partial<Parameters<typeof RehearsalView>[0]> = {}) {
  return renderToStaticMarkup(<RehearsalView title="Grand oral" parts={parts} rehearsals={[]} state={state} now={now} {...extra} />)
}

const button = (html: string, label: string) => {
  const m = [...html.matchAll(/<button([^>]*)>(.*?)<\/button>/g)].find((b) => text(b[2] ?? '') === label)
  return m ? m[1] : undefined
}

describe('the rehearsal view, state by state', () => {
  it('ready: the first part, both timers at zero and in time, « Démarrer »', () => {
    const html = render(readyRehearsal(), T(0))
    expect(html).toContain('data-status="ready"')
    expect(text(html)).toContain('Répétition : Grand oral')
    expect(text(html)).toContain('Prête à démarrer')
    expect(text(html)).toContain('Partie 1 sur 3 Introduction')
    expect(text(html)).toContain('Message clé Je présente mon parcours en une phrase.')
    expect(html).toContain('Sourire.\nRegarder le jury.')
    expect(timers(html)).toEqual([
      { cls: 'ok', state: 'ok', text: 'Cette partie 0 s sur 1 min 00 · reste 1 min 00 ✓ Dans les temps' },
      { cls: 'ok', state: 'ok', text: 'Tout l’oral 0 s sur 4 min 00 · reste 4 min 00 ✓ Dans les temps' },
    ])
    expect(button(html, 'Démarrer')).toBeDefined()
    expect(button(html, '← Précédente')).toContain('aria-disabled="true"')
    expect(button(html, 'Suivante →')).toContain('aria-disabled="false"')
    expect(button(html, 'Terminer')).toContain('aria-disabled="true"')
    // The shortcuts are announced in a visible disclosure, and on the buttons.
    expect(html).toMatch(/<details class="rehearsal__shortcuts"><summary>Raccourcis clavier<\/summary>/)
    expect(button(html, 'Suivante →')).toContain('aria-keyshortcuts="ArrowRight PageDown"')
    expect(button(html, 'Démarrer')).toContain('aria-keyshortcuts="Space"')
    // A polite live region, present from the start (empty).
    expect(html).toContain('aria-live="polite" aria-atomic="true"></div>')
    // The timers are not live regions: nothing is announced every second.
    expect(html).not.toMatch(/role="timer"[^>]*aria-live="(polite|assertive)"/)
  })

  const running = start(readyRehearsal(), parts, T(0))

  it('running, 10 s in: ok, « Pause »', () => {
    const html = render(running, T(10.7))
    expect(text(html)).toContain('En cours')
    expect(timers(html)[0]).toEqual({ cls: 'ok', state: 'ok', text: 'Cette partie 10 s sur 1 min 00 · reste 50 s ✓ Dans les temps' })
    expect(button(html, 'Pause')).toBeDefined()
    expect(button(html, 'Terminer')).toContain('aria-disabled="false"')
  })

  it('running, 35 s into a 1-minute part: the part turns orange and says so, the talk stays in time', () => {
    const [part, talk] = timers(render(running, T(35)))
    expect(part).toEqual({ cls: 'warning', state: 'warning', text: 'Cette partie 35 s sur 1 min 00 · reste 25 s ⚠ Bientôt la fin' })
    expect(talk).toEqual({ cls: 'ok', state: 'ok', text: 'Tout l’oral 35 s sur 4 min 00 · reste 3 min 25 ✓ Dans les temps' })
  })

  it('running, 1 min 30 into a 1-minute part: red, « −0 min 30 », « Temps dépassé »', () => {
    const html = render(running, T(90), { announcement: 'Temps dépassé pour la partie « Introduction ».' })
    const [part, talk] = timers(html)
    expect(part).toEqual({ cls: 'over', state: 'over', text: 'Cette partie 1 min 30 sur 1 min 00 · −0 min 30 ✕ Temps dépassé' })
    expect(talk?.state).toBe('ok')
    expect(html).toContain('aria-live="polite" aria-atomic="true">Temps dépassé pour la partie « Introduction ».</div>')
    // The plan marks the current part and its state.
    expect(html).toMatch(/<li aria-current="step" data-state="over"><span class="rehearsal__plan-title">Introduction<\/span>/)
  })

  it('on the next part, 200 s later: the part and the whole talk are over', () => {
    const second = next(running, parts, T(90))
    const html = render(second, T(290))
    expect(text(html)).toContain('Partie 2 sur 3 Ma démarche')
    expect(text(html)).toContain('Pas de notes pour cette partie.')
    expect(timers(html)).toEqual([
      { cls: 'over', state: 'over', text: 'Cette partie 3 min 20 sur 3 min 00 · −0 min 20 ✕ Temps dépassé' },
      { cls: 'over', state: 'over', text: 'Tout l’oral 4 min 50 sur 4 min 00 · −0 min 50 ✕ Temps dépassé' },
    ])
    expect(button(html, '← Précédente')).toContain('aria-disabled="false"')
    // The plan keeps the first part's time.
    expect(text(html)).toContain('Introduction 1 min 30 / 1 min 00')
  })

  it('on a part without a time: no state for it, the talk still counts', () => {
    const third = next(next(running, parts, T(60)), parts, T(120))
    const html = render(third, T(130))
    const [part, talk] = timers(html)
    expect(part).toEqual({ cls: 'ok', state: 'ok', text: 'Cette partie 10 s Pas de durée prévue' })
    expect(talk).toEqual({ cls: 'ok', state: 'ok', text: 'Tout l’oral 2 min 10 sur 4 min 00 · reste 1 min 50 ✓ Dans les temps' })
    expect(button(html, 'Suivante →')).toContain('aria-disabled="true"')
    expect(text(html)).toContain('Pas de visuel pour cette partie.')
  })

  it('paused: the time stands still, « Reprendre »', () => {
    const paused = pause(running, parts, T(40))
    const html = render(paused, T(400))
    expect(text(html)).toContain('En pause')
    expect(timers(html)[0]?.text).toBe('Cette partie 40 s sur 1 min 00 · reste 20 s ⚠ Bientôt la fin')
    expect(button(html, 'Reprendre')).toBeDefined()
  })

  it('finished: the summary, « Recommencer », no moving on', () => {
    const done = finish(next(running, parts, T(50)), parts, T(200))
    const summary = summarize(done, parts, T(999))
    expect(summary).toEqual({ seconds: 200, parts: { intro: 50, demarche: 150, bilan: 0 } })
    const html = render(done, T(999), { summary })
    expect(text(html)).toContain('Terminée')
    expect(text(html)).toContain('Répétition terminée en 3 min 20.')
    expect(button(html, 'Recommencer')).toBeDefined()
    expect(button(html, 'Suivante →')).toContain('aria-disabled="true"')
    expect(button(html, 'Terminer')).toContain('aria-disabled="true"')
  })

  it('shows the visual the caller passes for the current part', () => {
    const html = render(readyRehearsal(), T(0), { visuals: { intro: <img src="/x.png" alt="Carte de positionnement" /> } })
    expect(html).toContain('<div class="rehearsal__visual"><img src="/x.png" alt="Carte de positionnement"/></div>')
  })

  it('shows the last rehearsals and the progress', () => {
    const r = (id: string, at: string, seconds: number, p: Record<string, number> = {}): PastRehearsal => ({ id, at, seconds, parts: p })
    const rehearsals = [
      r('r1', '2026-12-01T17:00:00.000Z', 330),
      r('r2', '2026-12-02T17:00:00.000Z', 290),
      r('r3', '2026-12-03T17:00:00.000Z', 250, { intro: 62, demarche: 170, bilan: 18 }),
    ]
    const html = render(readyRehearsal(), T(0), { rehearsals })
    const t = text(html)
    expect(t).toContain('Dernières répétitions')
    // 330 + 290 + 250 = 870 s.
    expect(t).toContain('3 répétitions, 14 min 30 au total')
    // The closest to 4 min 00 (240 s): r3, 10 s over.
    expect(t).toContain('Meilleure : 4 min 10 (prévu : 4 min 00), le 03/12/2026 à 18 h 00')
    expect(t).toContain('Dernière : 4 min 10, −40 s par rapport à la précédente : plus près du temps prévu')
    // Newest first, with the gap to the allotted time.
    const rows = [...html.matchAll(/<tr data-rehearsal-id="(\w+)">(.*?)<\/tr>/g)].map((m) => [m[1], text(m[2] ?? '')])
    expect(rows).toEqual([
      ['r3', '03/12/2026 à 18 h 00 Meilleure 4 min 10 +10 s'],
      ['r2', '02/12/2026 à 18 h 00 4 min 50 +50 s'],
      ['r1', '01/12/2026 à 18 h 00 5 min 30 +1 min 30'],
    ])
    // The plan recalls each part's time at the last rehearsal.
    expect(t).toContain('Introduction 0 s / 1 min 00 · la dernière fois : 1 min 02')
  })

  it('says when no rehearsal is kept yet', () => {
    expect(text(render(readyRehearsal(), T(0)))).toContain('Aucune répétition gardée pour l’instant')
  })

  it('the stateful component renders ready on the server, with its clock', () => {
    const html = renderToStaticMarkup(<Rehearsal title="Grand oral" parts={parts} rehearsals={[]} onFinish={() => {}} onExit={() => {}} clock={() => T(0)} />)
    expect(html).toContain('data-status="ready"')
    expect(timers(html).map((x) => x.state)).toEqual(['ok', 'ok'])
    // The confirmation dialog is there, closed.
    expect(html).toMatch(/<dialog class="dialog"[^>]*>/)
    expect(html).not.toMatch(/<dialog[^>]* open/)
  })

  it('can start from a given state (a rehearsal resumed)', () => {
    const state = pause(start(readyRehearsal(), parts, T(0)), parts, T(75))
    const html = renderToStaticMarkup(
      <Rehearsal title="Grand oral" parts={parts} rehearsals={[]} onFinish={() => {}} onExit={() => {}} clock={() => T(500)} initialState={state} />,
    )
    expect(timers(html)[0]?.cls).toBe('over')
    expect(text(html)).toContain('Reprendre')
  })

  it('says so when the talk has no part', () => {
    const html = renderToStaticMarkup(<RehearsalView title="Grand oral" parts={[]} rehearsals={[]} state={readyRehearsal()} now={T(0)} />)
    expect(text(html)).toContain('Ce support n’a aucune partie : ajoutez-en une pour répéter.')
  })
})
