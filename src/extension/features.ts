// Core modules the commands build on , in one place so a build that
// lacks one would say so here (MISSING) instead of failing oddly inside a command.
import * as eventTemplates from '../core/events';
import * as templateCatalogue from '../core/templates';

export const templates: typeof templateCatalogue | undefined = templateCatalogue;
export const events: typeof eventTemplates | undefined = eventTemplates;

/** Why a feature is missing from this build (shown to the user), keyed by feature. */
export const MISSING = {
  templates: 'The function templates (src/core/templates) are not part of this build.',
  events: 'The test event templates (src/core/events) are not part of this build.',
} as const;
