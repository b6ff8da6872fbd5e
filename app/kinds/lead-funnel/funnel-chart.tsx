import { useEffect, useRef, useState } from 'react'
import type { FunnelRow } from './funnel'
import { FunnelSvg } from './funnel-svg'

/** The funnel on screen, at the width of its box (its own chunk, loaded after hydration: see picture.tsx). */
export default function FunnelChart({ rows, targetIndex }: { rows: FunnelRow[]; targetIndex: number }) {
  const box = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(0)
  useEffect(() => {
    const el = box.current
    if (!el) return
    const measure = () => setWidth(Math.floor(el.getBoundingClientRect().width))
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return <div ref={box}>{width > 0 ? <FunnelSvg rows={rows} targetIndex={targetIndex} width={Math.min(width, 720)} /> : null}</div>
}
