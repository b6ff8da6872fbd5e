import { describe, expect, it } from 'vitest'
import { attachmentDetails, attachmentDisplay, attachmentName, attachmentText, isAttachment, withoutAttachmentNames } from './attachments'

const pdf = { src: '/fichiers/00000000-0000-4000-8000-000000000001', name: 'Rétroplanning Dupont.pdf', mime: 'application/pdf', size: 123_456 }
const xlsx = {
  src: '/fichiers/00000000-0000-4000-8000-000000000002',
  name: 'planning.xlsx',
  mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  size: 900,
}

describe('evidence files', () => {
  it('keeps the learner’s name with the extension of the real type', () => {
    expect(attachmentName('Planning éditorial v2.xlsx', 'xlsx')).toBe('Planning éditorial v2.xlsx')
    expect(attachmentName('photo.JPEG', 'jpg')).toBe('photo.JPEG')
    // A PDF renamed .docx is kept as what it is.
    expect(attachmentName('rapport.docx', 'pdf')).toBe('rapport.pdf')
    expect(attachmentName('sans extension', 'odt')).toBe('sans extension.odt')
    expect(attachmentName('../../etc/passwd\u0000', 'pdf')).toBe('.._.._etc_passwd.pdf')
    expect(attachmentName('   .pdf', 'pdf')).toBe('fichier.pdf')
  })

  it('says what a file is, in French, and how it shows', () => {
    expect(attachmentDetails(pdf)).toBe('PDF, 121\u00a0Ko')
    expect(attachmentText(xlsx)).toBe('planning.xlsx (Classeur Excel, 900\u00a0octets)')
    expect(attachmentDisplay('image/webp')).toBe('image')
    expect(attachmentDisplay('application/pdf')).toBe('pdf')
    expect(attachmentDisplay(xlsx.mime)).toBe('download')
  })

  it('tells an attachment from the other cells', () => {
    expect(isAttachment(pdf)).toBe(true)
    expect(isAttachment('planning.pdf')).toBe(false)
    expect(isAttachment(12)).toBe(false)
    expect(isAttachment(null)).toBe(false)
  })

  it('renames the files of a value for an anonymous copy, and keeps everything else', () => {
    const value = {
      rows: [
        { id: 'row-aaaaaa', cells: { fichier: pdf, outil: 'Excel de Dupont' } },
        { id: 'row-bbbbbb', cells: { fichier: xlsx, outil: null } },
      ],
    }
    const renamed = withoutAttachmentNames(value)
    expect(renamed.rows[0]!.cells.fichier).toEqual({ ...pdf, name: 'piece-jointe-1.pdf' })
    expect(renamed.rows[1]!.cells.fichier).toEqual({ ...xlsx, name: 'piece-jointe-2.xlsx' })
    // What the learner typed is theirs to write: only file names, which they may not think of, are hidden.
    expect(renamed.rows[0]!.cells.outil).toBe('Excel de Dupont')
    expect(value.rows[0]!.cells.fichier.name).toBe('Rétroplanning Dupont.pdf')
  })
})
