// Placeholder entry of the language server; replaced when the linter lands.
export {};
