import type { Plugin } from 'esbuild';

export function precompiledValidatorsSource(): string;
export const precompiledValidatorsPlugin: Plugin;
