import { describe, expect, it } from 'vitest'
import { isSelfAssessmentPart, speakersText, visualText } from './oral'

describe('oral helpers', () => {
  it('names the speakers, a former member, or how many speak where the group is unknown', () => {
    const names = new Map([['anna', 'Anna Martin']])
    expect(speakersText(['anna', 'parti'], names)).toBe('Anna Martin, ancien membre')
    expect(speakersText(['anna', 'bruno'], new Map())).toBe('2\u00a0membres du groupe')
    expect(speakersText([], new Map())).toBe('')
  })

  it('recognises the self-assessment part in its title or its message', () => {
    expect(isSelfAssessmentPart({ title: 'Mon autoévaluation', message: '' })).toBe(true)
    expect(isSelfAssessmentPart({ title: 'Bilan', message: 'L’auto-évaluation de mes compétences' })).toBe(true)
    expect(isSelfAssessmentPart({ title: 'Bilan', message: 'Ce que j’ai appris' })).toBe(false)
  })

  it('says what a visual is', () => {
    expect(visualText({ id: 'visual-1', kind: 'section', sectionId: 'kpi', label: 'Tableau de bord' })).toBe('Section «\u00a0Tableau de bord\u00a0»')
    expect(visualText({ id: 'visual-2', kind: 'image', src: '/fichiers/x', alt: 'Le logo' })).toBe('Image\u00a0: Le logo')
  })
})
