import type { CodeEditor, Monaco } from './editor/monaco';

declare global {
  interface Window {
    /** Test and benchmark hook: the live editor, the Monaco namespace, and when the page showed verdicts. */
    __loupe?: {
      editor: CodeEditor;
      monaco: Monaco;
      /** performance.now() when the first verdicts were on screen. */
      firstVerdictAt?: number;
      /** Editor model version whose analysis is on screen. */
      shownVersion?: number;
    };
  }
}
