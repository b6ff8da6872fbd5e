import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { ProgressBar, progressFigures } from './ui'

describe('ProgressBar', () => {
  it('agrees « atteint » with the criteria reached: singular for 0 and 1', () => {
    expect(progressFigures(0, 15)).toBe('0/15\u00a0atteint')
    expect(progressFigures(1, 15)).toBe('1/15\u00a0atteint')
    expect(progressFigures(2, 15)).toBe('2/15\u00a0atteints')
  })
  it('keeps its figures on one line (no-break spaces)', () => {
    expect(progressFigures(2, 15, 3)).toBe('2/15\u00a0atteints\u00a0·\u00a03\u00a0en\u00a0cours')
    expect(progressFigures(2, 15, 3)).not.toContain(' ')
  })
  it('says the same to assistive technologies', () => {
    const html = renderToStaticMarkup(<ProgressBar label="Progression" achieved={1} total={4} />)
    expect(html).toContain('aria-valuetext="25\u00a0% — 1 critère atteint sur 4"')
    expect(renderToStaticMarkup(<ProgressBar label="Progression" achieved={0} total={4} />)).toContain('0 critère atteint sur 4')
    expect(renderToStaticMarkup(<ProgressBar label="Progression" achieved={3} total={4} />)).toContain('3 critères atteints sur 4')
  })
})
