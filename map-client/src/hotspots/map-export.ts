/** The PNG's file name: what it shows and when, so a tasking pack's images sort by date. */
export function exportFileName(now: Date, view: string, runId?: string | null): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `hotspotintel-${view}${runId ? `-since-${runId.slice(0, 8)}` : ''}-${stamp}.png`;
}
