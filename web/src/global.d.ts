import type { CodeEditor, Monaco } from './editor/monaco';

declare global {
  interface Window {
    /** Test hook: the live editor and the Monaco namespace (e2e sets text through the model API). */
    __loupe?: { editor: CodeEditor; monaco: Monaco };
  }
}
