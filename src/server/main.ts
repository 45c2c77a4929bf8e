// Entry of dist/server.js: the language server over stdio (the extension starts it with vscode-languageclient).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createServer } from './server';

createServer(createConnection(ProposedFeatures.all)).listen();
