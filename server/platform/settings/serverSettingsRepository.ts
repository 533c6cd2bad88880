import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';

export type ServerSettingName = 'base_url' | 'opens_at' | 'closes_at';

/** A setting as the server used it: as written (null for none) and what it came to. */
export interface RecordedSetting {
  readonly setting: string | null;
  readonly value: string | null;
}

/** The settings the server last started with, for the command-line tools to agree with. */
export class ServerSettingsRepository {
  private readonly selectSetting: Statement<[ServerSettingName], RecordedSetting>;
  private readonly upsertSetting: Statement<
    [{ name: ServerSettingName; setting: string | null; value: string | null; now: string }]
  >;

  constructor(db: Db) {
    this.selectSetting = db.prepare('SELECT setting, value FROM server_settings WHERE name = ?');
    this.upsertSetting = db.prepare(`
      INSERT INTO server_settings (name, setting, value, recorded_at) VALUES (@name, @setting, @value, @now)
      ON CONFLICT (name) DO UPDATE SET setting = excluded.setting, value = excluded.value, recorded_at = excluded.recorded_at`);
  }

  find(name: ServerSettingName): RecordedSetting | null {
    return this.selectSetting.get(name) ?? null;
  }

  record(name: ServerSettingName, recorded: RecordedSetting, now: Date): void {
    this.upsertSetting.run({ name, ...recorded, now: now.toISOString() });
  }
}
