// `npm start`: install what is missing, build the web app when stale, serve on $PORT (default 8080).
import { ensureNodeModules, ensurePythonVenv, exportNvrtcLibraryPath, ensureWebBuild, run, say } from './lib/ensure.mjs';

ensureNodeModules();
ensurePythonVenv();
exportNvrtcLibraryPath();
ensureWebBuild();
say(`starting the server on http://localhost:${process.env.PORT ?? 8080}`);
process.exit(run('npx', ['tsx', 'server/src/main.ts']));
