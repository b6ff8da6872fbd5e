import { useSyncExternalStore } from 'react'

const noSubscription = () => () => {}

/** False while the server's HTML waits for React (the server render and hydration), true afterwards. */
export const useHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
