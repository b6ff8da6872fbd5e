import { createContext, useContext } from 'react'
import type { KindItem } from '~/kinds/types'

/** The items of one structured section of a snapshot, which a criterion may cite. */
export type ItemGroup = { submissionId: string; sectionId: string; where: string; items: KindItem[] }

/** What the grid knows of the snapshots: where a section is (its title, for evidence links) and the items it may cite. */
export type SnapshotIndex = { where: (submissionId: string, sectionId: string) => string; itemGroups: ItemGroup[] }

export const SnapshotIndexContext = createContext<SnapshotIndex>({ where: () => '', itemGroups: [] })
export const useSnapshotIndex = () => useContext(SnapshotIndexContext)

/** The id of a snapshot section's element on the page (evidence links point to it). */
export const sectionAnchor = (submissionId: string, sectionId: string) => `copie-${submissionId}-${sectionId}`
