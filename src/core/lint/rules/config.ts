// The config rules are checkConfig's findings (core/config/checkConfig.ts): the linter, the language
// server, `fgtk invoke`/`package`, F5 and the tree all report the same config mistakes from there.
import { CONFIG_INVALID, MEMORY_SIZE_UNLISTED, checkConfig } from '../../config';
import type { Finding, Rule } from '../context';

function findingsOf(rule: string, ctx: Parameters<Rule['check']>[0]): Finding[] {
  if (!ctx.spec?.configFile) return [];
  const { errors, warnings } = checkConfig(ctx.spec);
  return [...errors, ...warnings].filter((f) => f.rule === rule).map((f) => ({ file: f.file, range: f.range, message: f.message }));
}

export const configInvalid: Rule = {
  id: CONFIG_INVALID,
  contract: 'PKG-4b, ENV-5',
  severity: 'error',
  check: (ctx) => findingsOf(CONFIG_INVALID, ctx),
};

export const memorySizeUnlisted: Rule = {
  id: MEMORY_SIZE_UNLISTED,
  contract: 'ENV-5',
  severity: 'warning',
  check: (ctx) => findingsOf(MEMORY_SIZE_UNLISTED, ctx),
};
