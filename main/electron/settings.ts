/**
 * Desktop settings kept between runs in the app's data folder: recent datasets and the
 * window's last position. Read defensively (a damaged file means defaults, never a crash),
 * written atomically.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../report/write-report';

const MAX_RECENT = 10;

const SettingsSchema = z.object({
  recent: z.array(z.string()).max(50).default([]),
  window: z
    .object({
      x: z.number().int(),
      y: z.number().int(),
      width: z.number().int().min(400),
      height: z.number().int().min(300),
      maximized: z.boolean(),
    })
    .nullable()
    .default(null),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = { recent: [], window: null };

export function loadSettings(path: string): Settings {
  if (!existsSync(path)) return DEFAULT_SETTINGS;
  try {
    const parsed = SettingsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS; // unreadable settings: start from defaults, the next save repairs them
  }
}

export async function saveSettings(path: string, s: Settings): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(s, null, 2)}\n`);
}

/** Puts `dataset` first in the recent list, without duplicates, at most ten entries. */
export function withRecent(s: Settings, dataset: string): Settings {
  return { ...s, recent: [dataset, ...s.recent.filter((r) => r !== dataset)].slice(0, MAX_RECENT) };
}

/** A file:// URL dropped on the window → the local path to open as a dataset, or null. */
export function droppedPath(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'file:') return null;
    const path = decodeURIComponent(u.pathname).replace(/\/$/, '');
    return path.length > 0 ? path : null;
  } catch {
    return null;
  }
}
