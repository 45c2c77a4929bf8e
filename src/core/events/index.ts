// Trigger event templates (contract EVT): test events in the shapes the platform's triggers send,
// written by us. The catalogue and the events are data files; this module only looks them up.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { dataDir } from '../dataDir';
import { t } from '../l10n';
import catalogue from './catalogue.json';

export interface EventTemplateInfo {
  /** `apig`, `obs`, `timer`, ... (what `fgtk events new` takes). */
  id: string;
  /** The trigger type as the platform names it: `APIG`, `OBS`, `TIMER`, `KAFKA`, ... or `blank`. */
  trigger: string;
  /** English title, already passed through `t()`. */
  title: string;
  /** File name inside the shipped events folder. */
  file: string;
}

/** Every event template, blank first, in the catalogue's order. */
export function listEventTemplates(): EventTemplateInfo[] {
  return catalogue.map((e) => ({ ...e, title: t(e.title) })); // l10n-keys: src/core/events/catalogue.json
}

/** Other names users type for a trigger (`fgtk events new dms`). */
const ALIASES: Record<string, string> = {
  apigateway: 'apig', api: 'apig', gateway: 'apig', http: 'http-get', s3: 'obs', cron: 'timer',
  dms: 'kafka', dmskafka: 'kafka', dms4kafka: 'kafka', opensourcekafka: 'kafka', kafkaopensource: 'kafka',
  log: 'lts', logs: 'lts', mongodb: 'dds', mongo: 'dds', empty: 'blank', default: 'blank',
};

/** Finds a template by id, trigger name or alias, case-insensitively; undefined when none fits. */
export function findEventTemplate(name: string): EventTemplateInfo | undefined {
  const key = name.trim().toLowerCase();
  const squashed = key.replace(/[\s_-]/g, '');
  const all = listEventTemplates();
  return all.find((e) => e.id === key)
    ?? all.find((e) => e.trigger.toLowerCase() === key)
    ?? all.find((e) => e.id === ALIASES[squashed]);
}

/** The template's JSON text, exactly as shipped (LF line endings, trailing newline). */
export function eventTemplate(id: string): string {
  const info = findEventTemplate(id);
  if (!info) {
    throw new Error(t('Unknown trigger event "{0}". Known: {1}.', id, listEventTemplates().map((e) => e.id).join(', ')));
  }
  return readFileSync(path.join(dataDir('events'), info.file), 'utf8');
}
