// Core modules other engineers build (contracts in CONTRACTS.md). Each is wired here once it
// exists; until then the commands that need it say why they cannot run instead of failing oddly.
import type { LintDiagnostic } from './lintTypes';

export interface TemplatesApi {
  listRuntimes(): { id: string; label: string; description?: string }[];
  listTemplates(runtimeId: string): { id: string; label: string; description?: string }[];
  scaffold(opts: { runtime: string; template: string; name: string; folder: string }): Promise<{
    dir: string; entryFile: string; files: string[]; launchConfiguration: Record<string, unknown>;
  }>;
}

export interface EventsApi {
  listEventTemplates(): { id: string; trigger: string; title: string; file: string }[];
  eventTemplate(id: string): string;
}

export interface PackageApi {
  packageFunction(dir: string, out: string): Promise<{ zipPath: string; entries: { name: string; size: number }[]; diagnostics: LintDiagnostic[] }>;
}

export const templates: TemplatesApi | undefined = undefined;
export const events: EventsApi | undefined = undefined;
export const packaging: PackageApi | undefined = undefined;

/** Why a feature is missing from this build (shown to the user), keyed by feature. */
export const MISSING = {
  templates: 'The function templates (src/core/templates) are not part of this build yet.',
  events: 'The test event templates (src/core/events) are not part of this build yet.',
  packaging: 'Packaging (src/core/package) is not part of this build yet.',
} as const;
