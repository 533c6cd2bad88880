import type { Config, TimeOverride } from '../../config';
import type { RecordedSetting, ServerSettingName, ServerSettingsRepository } from './serverSettingsRepository';

type OverrideName = 'opensAt' | 'closesAt';
const overrides: readonly { readonly key: OverrideName; readonly name: ServerSettingName }[] = [
  { key: 'opensAt', name: 'opens_at' },
  { key: 'closesAt', name: 'closes_at' },
];
const overrideOf = (config: Config, key: OverrideName) =>
  key === 'opensAt' ? config.opensAtOverride : config.closesAtOverride;

function toRecorded(override: TimeOverride | null): RecordedSetting {
  return { setting: override?.setting ?? null, value: override?.instant.toISOString() ?? null };
}

function fromRecorded(recorded: RecordedSetting): TimeOverride | null {
  return recorded.setting === null || recorded.value === null
    ? null
    : { setting: recorded.setting, instant: new Date(recorded.value) };
}

function withOverrides(config: Config, chosen: Record<OverrideName, TimeOverride | null>, baseUrl: string): Config {
  return Object.freeze({ ...config, baseUrl, opensAtOverride: chosen.opensAt, closesAtOverride: chosen.closesAt });
}

/**
 * For the server, as it starts: records the address and the consultation window it runs with,
 * for the command-line tools. A duration such as P28D is resolved once for a data folder: a
 * restart with the same setting keeps the deadline it came to the first time, rather than moving it.
 */
export function settleServerSettings(config: Config, repository: ServerSettingsRepository, now: Date): Config {
  const chosen = {} as Record<OverrideName, TimeOverride | null>;
  for (const { key, name } of overrides) {
    const override = overrideOf(config, key);
    const recorded = repository.find(name);
    const isDuration = override?.setting.startsWith('P') ?? false;
    chosen[key] = isDuration && recorded?.setting === override?.setting ? fromRecorded(recorded!) : override;
    repository.record(name, toRecorded(chosen[key]), now);
  }
  repository.record('base_url', { setting: config.baseUrl, value: config.baseUrl }, now);
  return withOverrides(config, chosen, config.baseUrl);
}

/**
 * For a command-line tool: the address and window of the server that last ran on this data,
 * except where the command's own settings (its environment or .env) name them.
 */
export function adoptServerSettings(config: Config, repository: ServerSettingsRepository): Config {
  const chosen = {} as Record<OverrideName, TimeOverride | null>;
  for (const { key, name } of overrides) {
    const recorded = repository.find(name);
    chosen[key] = config.given[key] || !recorded ? overrideOf(config, key) : fromRecorded(recorded);
  }
  const recordedBaseUrl = repository.find('base_url')?.value;
  return withOverrides(config, chosen, config.given.baseUrl || !recordedBaseUrl ? config.baseUrl : recordedBaseUrl);
}
