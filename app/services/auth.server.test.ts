import { describe, expect, it } from 'vitest'
import { safeRedirect } from './auth.server'

describe('safeRedirect', () => {
  it('follows a same-site path with its query and hash', () => {
    for (const to of ['/', '/candidat', '/dossiers/abc?section=contexte#C1.1', '/referentiel?q=%2F%2Fx', '/a/b//c']) {
      expect(safeRedirect(to, '/home')).toBe(to)
    }
  })

  it('refuses whatever a browser could read as another host or a header break', () => {
    const unsafe = [
      '//evil.example/x',
      '/\t/evil.example/x',
      '/\n/evil.example',
      '/\r\nSet-Cookie: x=1',
      '/\\evil.example',
      '/a\\b',
      '\\\\evil.example',
      '/ /evil.example',
      '/\u00a0/evil.example',
      '/\u2028x',
      '/\u0000x',
      '/\u007fx',
      '/\u0085x',
      'https://evil.example',
      'evil.example',
      '',
      ' /candidat',
    ]
    for (const to of unsafe) expect(safeRedirect(to, '/home'), JSON.stringify(to)).toBe('/home')
  })

  it('falls back when there is no string', () => {
    expect(safeRedirect(null, '/home')).toBe('/home')
    expect(safeRedirect(undefined, '/home')).toBe('/home')
    expect(safeRedirect(new File(['x'], 'x.txt'), '/home')).toBe('/home')
  })
})
