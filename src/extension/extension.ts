// Placeholder entry of the extension; replaced when the extension lands.
export function activate(): void {}
export function deactivate(): void {}
