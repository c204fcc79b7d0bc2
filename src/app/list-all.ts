import type { Position, Positioned } from './ports.js'

const PAGE = 1000

/** Every row of a keyset-paged list, fetched a page at a time (no silent cap). */
export async function listAll<T>(
  page: (after: Position | null, limit: number) => Promise<Positioned<T>[]>,
): Promise<T[]> {
  const items: T[] = []
  let after: Position | null = null
  for (;;) {
    const rows = await page(after, PAGE)
    items.push(...rows.map((row) => row.item))
    const last = rows.at(-1)
    if (rows.length < PAGE || !last) return items
    after = last.position
  }
}
