import { useFetchers } from '@remix-run/react'
import { useMemo } from 'react'
import type { Status } from '~/domain/self-assessment'

/** The criteria's statuses as the server has them, with the self-assessments still on their way applied. */
export function useCriterionStatuses(criteria: readonly { id: string; status: Status }[]): Map<string, Status> {
  const fetchers = useFetchers()
  return useMemo(() => {
    const map = new Map(criteria.map((c) => [c.id, c.status]))
    for (const f of fetchers) {
      if (f.formData?.get('intent') === 'self-assess') map.set(String(f.formData.get('criterionId')), f.formData.get('status') as Status)
    }
    return map
  }, [criteria, fetchers])
}
