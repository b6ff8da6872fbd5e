import { createContext, useContext } from 'react'
import type { CaseFileView } from '~/domain/case-material'

/**
 * The CSV and Excel files of the case of the dossier being written (issue 13
 * §6): the dossier page provides them, a table field's editor offers to
 * import one of them. Empty elsewhere (history, conflicts, other pages).
 */
export const CaseTablesContext = createContext<readonly CaseFileView[]>([])

export const useCaseTables = () => useContext(CaseTablesContext)
